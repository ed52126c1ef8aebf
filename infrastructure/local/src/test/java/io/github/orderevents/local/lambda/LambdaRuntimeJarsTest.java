package io.github.orderevents.local.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LambdaRuntimeJarsTest {
    @TempDir
    Path dir;

    @Test
    void extractsTheRuntimeInterfaceClientItsThreeDependenciesAndItsNativeLibraryOnce() throws Exception {
        LambdaRuntimeJars jars = LambdaRuntimeJars.in(dir);

        assertThat(jars.classPath()).extracting(p -> p.getFileName().toString()).containsExactly(
                "aws-lambda-java-runtime-interface-client-2.10.1.jar", "aws-lambda-java-core-1.4.0.jar",
                "aws-lambda-java-serialization-1.2.0.jar", "utils-lite-2.34.0.jar");
        assertThat(jars.classPath()).allSatisfy(jar -> assertThat(jar).isRegularFile().startsWith(dir));
        assertThat(jars.nativeLibrary().getFileName().toString()).isEqualTo("libaws-lambda-jni-2.10.1." + LambdaRuntimeJars.platform() + ".so");
        assertThat(Files.size(jars.nativeLibrary())).isPositive();
        assertThat(LambdaRuntimeJars.in(dir)).isSameAs(jars);
    }

    @Test
    void keepsTheClientOffTheLocalCloudsOwnClassPath() {
        assertThat(getClass().getClassLoader().getResource(
                "com/amazonaws/services/lambda/runtime/api/client/AWSLambda.class")).isNull();
    }
}
