package com.ytwhisper.worker;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * On the platform (RUNPOD_ENDPOINT_ID set) every log line is the JSON object the SDK prints,
 * {@code {"requestId","message","level"}} (docs/runpod-protocol.md §1.20), so the endpoint's log
 * view can group lines by job. Elsewhere the plain Quarkus format stays.
 */
final class LogFormat extends Formatter {

    private LogFormat() {
    }

    /** Replaces the console format with JSON lines. */
    static void useJsonLines() {
        for (Handler h : LogContext.getLogContext().getLogger("").getHandlers()) {
            apply(h);
        }
    }

    private static void apply(Handler handler) {
        if (handler instanceof ConsoleHandler console) {
            console.setFormatter(new LogFormat());
        }
        if (handler instanceof ExtHandler ext) {
            for (Handler child : ext.getHandlers()) {
                apply(child);
            }
        }
    }

    @Override
    public String format(LogRecord record) {
        String requestId = null;
        String message = formatMessage(record);
        if (record instanceof ExtLogRecord ext) {
            requestId = ext.getMdc("requestId");
            message = ext.getFormattedMessage();
        }
        if (record.getThrown() != null) {
            message = message + ": " + record.getThrown();
        }
        return "{\"requestId\":" + quote(requestId) + ",\"message\":" + quote(message)
                + ",\"level\":" + quote(level(record)) + "}\n";
    }

    private static String level(LogRecord record) {
        String name = record.getLevel().getName();
        return switch (name) {
            case "WARNING" -> "WARN";
            case "SEVERE", "FATAL" -> "ERROR";
            case "FINE", "CONFIG" -> "DEBUG";
            case "FINER", "FINEST" -> "TRACE";
            default -> name;
        };
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
