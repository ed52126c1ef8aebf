package io.github.orderevents.local.lambda;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The command line and the environment of one function process, as Lambda's Java runtimes start theirs. */
record JvmLaunch(List<String> command, Map<String, String> environment, Path workingDirectory) {
    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    JvmLaunch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /**
     * The launch of one instance of {@code config}: {@code java} from {@code javaHome} (feature release
     * {@code jdkFeature}) running the runtime interface client on {@code jars}, in {@code taskRoot}, reaching its
     * Runtime API at {@code runtimeApi}.
     */
    static JvmLaunch of(FunctionConfig config, JavaRuntime runtime, LambdaRuntimeJars jars, Path javaHome, int jdkFeature,
                        Path taskRoot, Path runtimeDir, String runtimeApi) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        // Lambda's Java runtimes start java with MaxHeapSize at 85% of the memory size (a 512 MB function runs with
        // -XX:MaxHeapSize=445645k: the runtime's command line as read in a function, e.g.
        // stackoverflow.com/questions/35298616), the serial collector and class data sharing where available.
        command.add("-XX:MaxHeapSize=" + maxHeapKb(config.memoryMb()) + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        if (runtime.feature() >= 17) {
            // "For Java 17 and Java 21, Lambda configures the JVM to stop tiered compilation at level 1 by default"
            // (and java25 on demand): docs.aws.amazon.com/lambda/latest/dg/java-customization.html
            command.add("-XX:+TieredCompilation");
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.add("-Djava.net.preferIPv4Stack=true");
        if (jdkFeature >= 22) {
            // The client's JNI library: JDK 22+ warns about (and will refuse) native access not enabled.
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        // Not the client's default, a fixed /tmp/.libaws-lambda-jni.so that concurrent starts overwrite under each other.
        command.add("-D" + LambdaRuntimeJars.NATIVE_LIBRARY_PROPERTY + "=" + jars.nativeLibrary());
        if (config.snapStart()) {
            // org.crac delegates to the runtime interface client's own CRaC context, as in Lambda's Java runtimes:
            // the client then runs the registered hooks after init (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start).
            command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        }
        command.addAll(config.jvmOptions());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, jars.classPath().stream().map(Path::toString).toList()));
        command.add(MAIN_CLASS);
        command.add(config.handler());
        return new JvmLaunch(command, environment(config, runtime, javaHome, taskRoot, runtimeDir, runtimeApi), taskRoot);
    }

    static long maxHeapKb(int memoryMb) {
        return Math.round(memoryMb * 1024 * 0.85);
    }

    /**
     * A clean environment (nothing of the local cloud's own: no credentials, no user settings): the variables
     * Lambda defines for Java runtimes, then the caller's (template variables, credentials, endpoints).
     */
    static Map<String, String> environment(FunctionConfig config, JavaRuntime runtime, Path javaHome, Path taskRoot,
                                           Path runtimeDir, String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", javaHome.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LD_LIBRARY_PATH", taskRoot + ":" + taskRoot.resolve("lib"));
        env.put("AWS_EXECUTION_ENV", runtime.executionEnvironment());
        env.put("AWS_LAMBDA_FUNCTION_NAME", config.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", config.snapStart() ? "snap-start" : "on-demand");
        env.put("AWS_REGION", config.region());
        env.put("AWS_DEFAULT_REGION", config.region());
        env.putAll(config.environment());
        // Last, whatever the caller's variables say: these wire the process to its code and its Runtime API.
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("_HANDLER", config.handler());
        return env;
    }

    /** Lambda's stream name: {@code 2024/05/01/[$LATEST]} and 32 hex digits, one per execution environment. */
    static String logStreamName() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd")) + "/[$LATEST]"
                + HexFormat.of().formatHex(id);
    }
}
