package io.github.orderevents.aws;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on stdout, which Lambda ships to CloudWatch Logs, where
 * Logs Insights can filter on {@code correlationId}, {@code orderId} and {@code eventId}. Fields are
 * given as name/value pairs; null values are left out. Never log a whole request body.
 */
public final class JsonLog {
    private static final PrintStream OUT = System.out;
    private final String logger;

    private JsonLog(String logger) {
        this.logger = logger;
    }

    public static JsonLog of(Class<?> type) {
        return new JsonLog(type.getSimpleName());
    }

    public void info(String message, Object... fields) {
        write("INFO", message, null, fields);
    }

    public void warn(String message, Object... fields) {
        write("WARN", message, null, fields);
    }

    public void error(String message, Throwable error, Object... fields) {
        write("ERROR", message, error, fields);
    }

    private void write(String level, String message, Throwable error, Object... fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("logger", logger);
        line.put("message", message);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                line.put(String.valueOf(fields[i]), fields[i + 1]);
            }
        }
        if (error != null) {
            line.put("error", error.getClass().getName() + ": " + error.getMessage());
        }
        OUT.println(Json.write(line));
    }
}
