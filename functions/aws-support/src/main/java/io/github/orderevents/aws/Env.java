package io.github.orderevents.aws;

import java.util.Map;
import java.util.Optional;

/**
 * The function's configuration: its environment variables. The local cloud runs every function in one
 * JVM, each in its own class loader, and installs that function's environment here (from template.yaml)
 * before building its handler; on Lambda nothing is installed and this is {@code System.getenv()}.
 */
public final class Env {
    private static volatile Map<String, String> installed;
    private final Map<String, String> values;

    private Env(Map<String, String> values) {
        this.values = values;
    }

    /** The environment of this function. */
    public static Env current() {
        Map<String, String> local = installed;
        return new Env(local != null ? local : System.getenv());
    }

    /** An environment made of exactly these values (tests). */
    public static Env of(Map<String, String> values) {
        return new Env(Map.copyOf(values));
    }

    /** Installs the environment that {@link #current()} returns in this class loader (the local cloud). */
    public static void install(Map<String, String> values) {
        installed = Map.copyOf(values);
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
