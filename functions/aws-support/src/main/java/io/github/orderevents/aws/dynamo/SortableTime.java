package io.github.orderevents.aws.dynamo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width ISO-8601 strings (always nine fraction digits), for DynamoDB sort keys and
 * range conditions: {@code Instant.toString()} drops zero fractions, and "10:00:00Z" sorts after
 * "10:00:00.5Z" as text. {@link Instant#parse} reads both forms.
 */
public final class SortableTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private SortableTime() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
