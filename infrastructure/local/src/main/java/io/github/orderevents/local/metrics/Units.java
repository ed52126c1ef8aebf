package io.github.orderevents.local.metrics;

import java.util.Set;

/** CloudWatch's metric units (the StandardUnit list), and which of them are times. */
public final class Units {
    public static final String NONE = "None";
    private static final Set<String> TIMES = Set.of("Seconds", "Milliseconds", "Microseconds");
    private static final Set<String> ALL = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            NONE);

    private Units() {
    }

    public static boolean known(String unit) {
        return ALL.contains(unit);
    }

    public static boolean isTime(String unit) {
        return TIMES.contains(unit);
    }

    /** A value of a time unit in milliseconds. */
    public static double toMillis(double value, String unit) {
        return switch (unit) {
            case "Seconds" -> value * 1000;
            case "Microseconds" -> value / 1000;
            default -> value;
        };
    }
}
