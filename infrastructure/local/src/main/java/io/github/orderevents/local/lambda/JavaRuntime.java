package io.github.orderevents.local.lambda;

import java.util.List;

/** A Lambda Java runtime identifier ("java21") and the Java feature release it stands for. */
public record JavaRuntime(String identifier, int feature) {
    /**
     * The runtimes a function process can be started as. Not java8.al2: its functions would run on a JDK without
     * what Java 8 still had (JAXB, for one), which is no faithful local run.
     */
    public static final List<String> SUPPORTED = List.of("java11", "java17", "java21", "java25");

    /**
     * The runtime {@code identifier} of {@code functionName}, checked to be a Java runtime that the running JDK can
     * run (no newer than it: its class files would not load).
     */
    public static JavaRuntime of(String functionName, String identifier) {
        return of(functionName, identifier, Runtime.version().feature());
    }

    static JavaRuntime of(String functionName, String identifier, int runningFeature) {
        if (!SUPPORTED.contains(identifier)) {
            String kind = identifier.startsWith("java") ? "a Java runtime the local cloud does not run" : "not a Java runtime";
            throw new IllegalArgumentException("function " + functionName + ": runtime " + identifier + " is " + kind
                    + "; its function processes run " + String.join(", ", SUPPORTED));
        }
        int feature = Integer.parseInt(identifier.substring("java".length()));
        if (feature > runningFeature) {
            throw new IllegalArgumentException("function " + functionName + ": runtime " + identifier + " needs Java "
                    + feature + " or newer, and the local cloud runs on Java " + runningFeature
                    + " (" + System.getProperty("java.home") + "); start it with a newer JDK");
        }
        return new JavaRuntime(identifier, feature);
    }

    /** The value of {@code AWS_EXECUTION_ENV}, as Lambda sets it. */
    public String executionEnvironment() {
        return "AWS_Lambda_" + identifier;
    }
}
