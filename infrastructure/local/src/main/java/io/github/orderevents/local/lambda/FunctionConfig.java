package io.github.orderevents.local.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a function process is started with: the template's settings for one function, already resolved.
 * {@code snapStart}: the function has SnapStart on, and each instance runs its runtime hooks (beforeCheckpoint,
 * then afterRestore) between init and its first invocation, as Lambda does when it snapshots and restores it.
 */
public record FunctionConfig(
        String logicalId,
        String functionName,
        String handler,
        String runtime,
        Path artifact,
        int memoryMb,
        Duration timeout,
        Map<String, String> environment,
        int maxConcurrency,
        List<Path> extraClassPath,
        List<String> jvmOptions,
        String region,
        Consumer<String> log,
        boolean snapStart) {

    public FunctionConfig {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(log, "log");
        logicalId = logicalId == null ? functionName : logicalId;
        // Lambda's limits: 128..10240 MB, a timeout of 1..900 s.
        if (memoryMb < 128 || memoryMb > 10_240) {
            throw new IllegalArgumentException(functionName + ": MemorySize " + memoryMb + " is outside 128..10240 MB");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(functionName + ": Timeout must be positive, not " + timeout);
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException(functionName + ": max concurrency must be at least 1, not " + maxConcurrency);
        }
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        extraClassPath = List.copyOf(extraClassPath == null ? List.of() : extraClassPath);
        jvmOptions = List.copyOf(jvmOptions == null ? List.of() : jvmOptions);
    }

    /** A java21 function with Lambda's defaults (128 MB, 3 s), ten instances at most, its log on standard output. */
    public static FunctionConfig of(String functionName, String handler, Path artifact) {
        return new FunctionConfig(functionName, functionName, handler, "java21", artifact, 128, Duration.ofSeconds(3),
                Map.of(), 10, List.of(), List.of(), "us-east-1", System.out::println, false);
    }

    public FunctionConfig withRuntime(String value) {
        return new FunctionConfig(logicalId, functionName, handler, value, artifact, memoryMb, timeout, environment,
                maxConcurrency, extraClassPath, jvmOptions, region, log, snapStart);
    }

    public FunctionConfig withArtifact(Path value) {
        return new FunctionConfig(logicalId, functionName, handler, runtime, value, memoryMb, timeout, environment,
                maxConcurrency, extraClassPath, jvmOptions, region, log, snapStart);
    }

    public FunctionConfig withMemoryMb(int value) {
        return new FunctionConfig(logicalId, functionName, handler, runtime, artifact, value, timeout, environment,
                maxConcurrency, extraClassPath, jvmOptions, region, log, snapStart);
    }

    public FunctionConfig withTimeout(Duration value) {
        return new FunctionConfig(logicalId, functionName, handler, runtime, artifact, memoryMb, value, environment,
                maxConcurrency, extraClassPath, jvmOptions, region, log, snapStart);
    }

    public FunctionConfig withEnvironment(Map<String, String> value) {
        return new FunctionConfig(logicalId, functionName, handler, runtime, artifact, memoryMb, timeout, value,
                maxConcurrency, extraClassPath, jvmOptions, region, log, snapStart);
    }

    public FunctionConfig withMaxConcurrency(int value) {
        return new FunctionConfig(logicalId, functionName, handler, runtime, artifact, memoryMb, timeout, environment,
                value, extraClassPath, jvmOptions, region, log, snapStart);
    }

    public FunctionConfig withExtraClassPath(List<Path> value) {
        return new FunctionConfig(logicalId, functionName, handler, runtime, artifact, memoryMb, timeout, environment,
                maxConcurrency, value, jvmOptions, region, log, snapStart);
    }

    public FunctionConfig withJvmOptions(List<String> value) {
        return new FunctionConfig(logicalId, functionName, handler, runtime, artifact, memoryMb, timeout, environment,
                maxConcurrency, extraClassPath, value, region, log, snapStart);
    }

    public FunctionConfig withRegion(String value) {
        return new FunctionConfig(logicalId, functionName, handler, runtime, artifact, memoryMb, timeout, environment,
                maxConcurrency, extraClassPath, jvmOptions, value, log, snapStart);
    }

    public FunctionConfig withLog(Consumer<String> value) {
        return new FunctionConfig(logicalId, functionName, handler, runtime, artifact, memoryMb, timeout, environment,
                maxConcurrency, extraClassPath, jvmOptions, region, value, snapStart);
    }

    public FunctionConfig withSnapStart(boolean value) {
        return new FunctionConfig(logicalId, functionName, handler, runtime, artifact, memoryMb, timeout, environment,
                maxConcurrency, extraClassPath, jvmOptions, region, log, value);
    }

    /** The ARN Lambda hands the runtime as {@code Lambda-Runtime-Invoked-Function-Arn} (a local account id). */
    public String functionArn() {
        return "arn:aws:lambda:" + region + ":000000000000:function:" + functionName;
    }
}
