package io.github.orderevents.aws;

import java.util.Map;
import java.util.Optional;

/** The function's configuration: its environment variables ({@code System.getenv()} on Lambda). */
public final class Env {
    private final Map<String, String> values;

    private Env(Map<String, String> values) {
        this.values = values;
    }

    /** The environment of this process. */
    public static Env current() {
        return new Env(System.getenv());
    }

    /** An environment made of exactly these values (tests). */
    public static Env of(Map<String, String> values) {
        return new Env(Map.copyOf(values));
    }

    public Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** The value of {@code name}. @throws IllegalStateException naming the variable if it is not set */
    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException(
                "environment variable " + name + " is not set (see template.yaml)"));
    }

    public int getInt(String name, int defaultValue) {
        return get(name).map(Integer::parseInt).orElse(defaultValue);
    }
}
