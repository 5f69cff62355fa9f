package com.ytwhisper.client.runpod;

import java.net.ConnectException;
import java.net.URI;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.net.ssl.SSLHandshakeException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.ytwhisper.client.runpod.RunpodCallException.Kind;

import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;

/**
 * The endpoint API calls with their fault-tolerance policies. What a caller sees:
 * <ul>
 * <li>every call gives up after its {@code @Timeout} ({@code RUNPOD_CALL_TIMEOUT_MS}, or
 * {@code RUNPOD_SUBMIT_TIMEOUT_MS} for {@code /run});</li>
 * <li>status, cancel, retry, health and purge are retried on 429, 5xx, connection and read failures
 * with exponential back-off and jitter that waits at least the server's Retry-After;</li>
 * <li>{@code /run} is not idempotent, so it is retried only when the request surely did not arrive
 * (connection failure) or was refused (429, 503). After a read timeout or another 5xx its outcome
 * is unknown and the exception reaches the caller, which must not send it again blindly;</li>
 * <li>401/403 and other 4xx are never retried.</li>
 * </ul>
 * Numbers come from {@link RunpodConfig} through {@code application.properties} (the global
 * fault-tolerance settings there), so the annotations name only the policy; SmallRye's own jitter
 * is off because {@link RetryAfterBackoff} adds its own. The block stays on each method: SmallRye
 * reads {@code "...RunpodCalls/run".timeout.value} only for a method-level {@code @Timeout} (on the
 * class, {@code /run} got the call timeout; {@code RunpodCallsTest} would fail), and it wants
 * {@code @Retry} beside each method's {@code @RetryWhen}.
 */
@ApplicationScoped
public class RunpodCalls {

    private final RunpodApi api;

    RunpodCalls(@RestClient RunpodApi api) {
        this.api = api;
    }

    @Timeout
    @Retry(jitter = 0)
    @RetryWhen(exception = SurelyNotAccepted.class)
    @CustomBackoff(RetryAfterBackoff.class)
    public String run(RunpodTarget target, String body) {
        return call(target, () -> api.run(target.endpointId(), target.authorization(), body));
    }

    @Timeout
    @Retry(jitter = 0)
    @RetryWhen(exception = Transient.class)
    @CustomBackoff(RetryAfterBackoff.class)
    public String status(RunpodTarget target, String runpodJobId) {
        return call(target, () -> api.status(target.endpointId(), target.authorization(), runpodJobId));
    }

    @Timeout
    @Retry(jitter = 0)
    @RetryWhen(exception = Transient.class)
    @CustomBackoff(RetryAfterBackoff.class)
    public String cancel(RunpodTarget target, String runpodJobId) {
        return call(target, () -> api.cancel(target.endpointId(), target.authorization(), runpodJobId));
    }

    /** Requeues a FAILED or TIMED_OUT job; a second retry of the same job is harmless. */
    @Timeout
    @Retry(jitter = 0)
    @RetryWhen(exception = Transient.class)
    @CustomBackoff(RetryAfterBackoff.class)
    public String retry(RunpodTarget target, String runpodJobId) {
        return call(target, () -> api.retry(target.endpointId(), target.authorization(), runpodJobId));
    }

    @Timeout
    @Retry(jitter = 0)
    @RetryWhen(exception = Transient.class)
    @CustomBackoff(RetryAfterBackoff.class)
    public String health(RunpodTarget target) {
        return call(target, () -> api.health(target.endpointId(), target.authorization()));
    }

    @Timeout
    @Retry(jitter = 0)
    @RetryWhen(exception = Transient.class)
    @CustomBackoff(RetryAfterBackoff.class)
    public String purgeQueue(RunpodTarget target) {
        return call(target, () -> api.purgeQueue(target.endpointId(), target.authorization()));
    }

    private static String call(RunpodTarget target, Supplier<String> request) {
        try {
            return request.get();
        } catch (RunpodCallException e) {
            throw e;
        } catch (RuntimeException e) {
            throw transportFailure(e, target.baseUrl());
        }
    }

    /**
     * A failure without an HTTP response: refused connections surely never delivered the request.
     * The message names the address and the cause in words, never a Java class name.
     */
    static RunpodCallException transportFailure(Throwable failure, URI base) {
        String address = hostPort(base);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RunpodCallException e) {
                return e;
            }
            String why = t instanceof ConnectException ? "connection refused"
                    : t instanceof UnknownHostException ? "unknown host"
                    : t instanceof NoRouteToHostException ? "no route to host"
                    : t instanceof SSLHandshakeException ? "TLS handshake failed" : null;
            if (why != null) {
                return RunpodCallException.of(Kind.UNREACHABLE, 0, null, null, "cannot connect to " + address + " (" + why
                        + "): is the endpoint API running there? Check RUNPOD_ENDPOINT_BASE_URL", failure);
            }
        }
        return RunpodCallException.of(Kind.NO_ANSWER, 0, null, null,
                "no answer from " + address + " (" + rootCause(failure) + ")", failure);
    }

    static String hostPort(URI base) {
        int port = base.getPort() >= 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
        return base.getHost() + ":" + port;
    }

    /** The root cause in words: its message when it has one, else "connection closed". */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return "connection closed";
        }
        return message.replaceAll("\\b(?:[a-z]+\\.)+[A-Z]\\w*(?:Exception|Error)\\b:?\\s*", "").strip();
    }

    @Timeout
    @Retry(jitter = 0)
    @RetryWhen(exception = Transient.class)
    @CustomBackoff(RetryAfterBackoff.class)
    public String stream(RunpodTarget target, String runpodJobId) {
        return call(target, () -> api.stream(target.endpointId(), target.authorization(), runpodJobId));
    }

    /** Retry for idempotent calls: outages and timeouts. */
    public static final class Transient implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable t) {
            return t instanceof TimeoutException || t instanceof RunpodCallException e && e.kind().isOutage();
        }
    }

    /** Retry for {@code /run}: only when the request surely did not arrive or was refused. */
    public static final class SurelyNotAccepted implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable t) {
            return t instanceof RunpodCallException e && (e.kind() == Kind.UNREACHABLE || e.kind() == Kind.REFUSED);
        }
    }
}
