package io.github.orderevents.local.lambda;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JvmLaunchTest {
    private static final LambdaRuntimeJars JARS = new LambdaRuntimeJars(
            List.of(Path.of("/rt/aws-lambda-java-runtime-interface-client-2.10.1.jar"), Path.of("/rt/aws-lambda-java-core-1.4.0.jar")),
            Path.of("/rt/libaws-lambda-jni.so"));
    private static final FunctionConfig CONFIG = FunctionConfig.of("orders-create", "orders.Create::handleRequest", Path.of("f.jar"))
            .withMemoryMb(512)
            .withTimeout(Duration.ofSeconds(10))
            .withRegion("eu-central-1")
            .withJvmOptions(List.of("-Dlocal.fault=on"))
            .withEnvironment(Map.of("TABLE_NAME", "orders", "JAVA_TOOL_OPTIONS", "-XX:+PrintFlagsFinal",
                    "AWS_ACCESS_KEY_ID", "local", "LAMBDA_TASK_ROOT", "/elsewhere"));

    @Test
    void startsTheRuntimeInterfaceClientWithLambdasJvmFlags() {
        JvmLaunch launch = launch(JavaRuntime.of("f", "java21", 25), 25);

        assertThat(launch.command()).startsWith("/jdk/bin/java", "-XX:MaxHeapSize=445645k", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
        assertThat(launch.command()).contains("--enable-native-access=ALL-UNNAMED", "-Dlocal.fault=on",
                "-D" + LambdaRuntimeJars.NATIVE_LIBRARY_PROPERTY + "=/rt/libaws-lambda-jni.so");
        assertThat(launch.command()).endsWith("-cp",
                "/rt/aws-lambda-java-runtime-interface-client-2.10.1.jar:/rt/aws-lambda-java-core-1.4.0.jar",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", "orders.Create::handleRequest");
        assertThat(launch.workingDirectory()).isEqualTo(Path.of("/task"));
    }

    @Test
    void enablesNativeAccessOnlyWhereTheJdkAsksForIt() {
        assertThat(launch(JavaRuntime.of("f", "java21", 21), 21).command()).doesNotContain("--enable-native-access=ALL-UNNAMED");
        assertThat(launch(JavaRuntime.of("f", "java11", 21), 21).command()).doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @Test
    void sizesTheHeapAtEightyFivePercentOfTheMemorySize() {
        assertThat(JvmLaunch.maxHeapKb(128)).isEqualTo(111_411);
        assertThat(JvmLaunch.maxHeapKb(1024)).isEqualTo(891_290);
    }

    @Test
    void buildsTheEnvironmentFromNothingButLambdasVariablesAndTheCallers() {
        Map<String, String> env = launch(JavaRuntime.of("f", "java21", 25), 25).environment();

        assertThat(env).containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_java21")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "orders-create")
                .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
                .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/orders-create")
                .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
                .containsEntry("AWS_REGION", "eu-central-1")
                .containsEntry("AWS_DEFAULT_REGION", "eu-central-1")
                .containsEntry("TZ", ":UTC")
                .containsEntry("LANG", "en_US.UTF-8")
                .containsEntry("_HANDLER", "orders.Create::handleRequest")
                .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
                .containsEntry("LAMBDA_RUNTIME_DIR", "/rt")
                .containsEntry("TABLE_NAME", "orders")
                .containsEntry("AWS_ACCESS_KEY_ID", "local")
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+PrintFlagsFinal");
        assertThat(env.get("LAMBDA_TASK_ROOT")).as("not the caller's").isEqualTo("/task");
        assertThat(env.get("PATH")).startsWith("/jdk/bin:");
        assertThat(env.get("AWS_LAMBDA_LOG_STREAM_NAME")).matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST][0-9a-f]{32}");
        assertThat(env).doesNotContainKeys("HOME", "USER", "JAVA_HOME", "MAVEN_OPTS");
    }

    @Test
    void refusesARuntimeThatIsNotJavaOrNewerThanTheJdk() {
        assertThatThrownBy(() -> JavaRuntime.of("report", "python3.12", 25))
                .hasMessageContaining("function report: runtime python3.12 is not a Java runtime");
        assertThatThrownBy(() -> JavaRuntime.of("legacy", "java8.al2", 25))
                .hasMessageContaining("function legacy: runtime java8.al2 is a Java runtime the local cloud does not run");
        assertThatThrownBy(() -> JavaRuntime.of("orders", "java25", 21))
                .hasMessageContaining("function orders: runtime java25 needs Java 25 or newer")
                .hasMessageContaining("runs on Java 21");
        assertThat(JavaRuntime.of("orders", "java17", 21).feature()).isEqualTo(17);
    }

    private static JvmLaunch launch(JavaRuntime runtime, int jdk) {
        return JvmLaunch.of(CONFIG, runtime, JARS, Path.of("/jdk"), jdk, Path.of("/task"), Path.of("/rt"), "127.0.0.1:9001");
    }
}
