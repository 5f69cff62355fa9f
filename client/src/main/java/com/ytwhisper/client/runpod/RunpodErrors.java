package com.ytwhisper.client.runpod;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.ytwhisper.client.runpod.RunpodCallException.Kind;

/** Turns every HTTP error status of the endpoint API into a {@link RunpodCallException}. */
public class RunpodErrors implements ResponseExceptionMapper<RunpodCallException> {

    @Override
    public RunpodCallException toThrowable(Response response) {
        int status = response.getStatus();
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        Kind kind = kindOf(status);
        return RunpodCallException.of(kind, status, retryAfter(response.getHeaderString("Retry-After"), Instant.now()),
                body, describe(kind, status) + said(kind, body), null);
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    static Kind kindOf(int status) {
        if (status == 401 || status == 403) {
            return Kind.KEY_REJECTED;
        }
        if (status == 404) {
            return Kind.NOT_FOUND;
        }
        if (status == 429 || status == 503) {
            return Kind.REFUSED;
        }
        return status >= 500 ? Kind.SERVER_ERROR : Kind.REJECTED;
    }

    static String describe(Kind kind, int status) {
        return switch (kind) {
            case KEY_REJECTED -> "RUNPOD_API_KEY was rejected (HTTP " + status + ")";
            case NOT_FOUND -> "not found (HTTP 404)";
            case REFUSED -> "the endpoint refused the request (HTTP " + status + ")";
            case SERVER_ERROR -> "the endpoint failed (HTTP " + status + ")";
            default -> "the endpoint rejected the request (HTTP " + status + ")";
        };
    }

    /**
     * The endpoint's own words for a refused request (its JSON {@code error}, else its text), so a
     * user sees why: ": input: youtube_url: must be ...". Empty for other kinds and empty bodies.
     */
    static String said(Kind kind, String body) {
        if (kind != Kind.REJECTED || body == null || body.isBlank()) {
            return "";
        }
        String text = body.strip();
        try {
            com.fasterxml.jackson.databind.JsonNode json = RunpodJson.MAPPER.readTree(text);
            if (json != null && json.hasNonNull("error")) {
                text = json.get("error").isTextual() ? json.get("error").asText() : json.get("error").toString();
            }
        } catch (java.io.IOException | RuntimeException notJson) {
            if (text.startsWith("<")) {
                return ""; // an HTML error page says nothing useful
            }
        }
        text = text.replaceAll("\\s+", " ");
        return ": " + (text.length() > 500 ? text.substring(0, 500) + "..." : text);
    }

    /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
