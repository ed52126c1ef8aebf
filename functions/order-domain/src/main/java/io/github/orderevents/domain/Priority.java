package io.github.orderevents.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * An order's lane: express orders travel queues and consumers of their own, so a backlog of standard
 * orders never delays them. Every event of an order travels its order's lane. {@link #wireName()} is how
 * the API, the envelope and the tables write it.
 */
public enum Priority {
    STANDARD("standard"), EXPRESS("express");

    private final String wireName;

    Priority(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The priority written {@code name}, or empty for a name this version does not know. */
    public static Optional<Priority> parse(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }
}
