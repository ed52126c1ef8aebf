package io.github.orderevents.systemtests.template;

import io.github.orderevents.local.template.SamTemplate;
import io.github.orderevents.local.template.SamTemplate.Resource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code sam deploy} uploads is what runs: for every function of template.yaml, its CodeUri is a
 * built jar that holds the Handler class with handleRequest, loadable from that jar alone (as Lambda
 * loads it), and nothing that only tests or the local cloud use.
 */
class FunctionArtifactsIT {
    /** Packages that must never ship in a function: emulators, test libraries, other HTTP stacks. */
    private static final List<String> FORBIDDEN = List.of(
            "com/amazonaws/services/dynamodbv2/local/", "org/elasticmq/", "org/junit/", "org/assertj/",
            "org/awaitility/", "org/testcontainers/", "org/mockito/", "org/eclipse/jetty/", "scala/",
            "org/apache/logging/log4j/core/", "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/nio/netty/",
            "io/netty/", "org/yaml/snakeyaml/", "io/github/orderevents/local/");

    /**
     * A jar carries an AWS service client only if a function deployed from it may call that service:
     * the template's policies (of every function sharing the CodeUri) say which services those are.
     */
    @TestFactory
    Stream<DynamicTest> everyJarCarriesOnlyTheServiceClientsItsFunctionsMayCall() {
        SamTemplate template = ProjectFiles.template();
        Map<String, Set<String>> servicesByJar = new TreeMap<>();
        template.resources("AWS::Serverless::Function").values().forEach(function -> {
            String codeUri = (String) template.functionProperty(function, "CodeUri").orElseThrow();
            Set<String> services = servicesByJar.computeIfAbsent(codeUri, k -> new TreeSet<>());
            // The "code" policy of the function's role: what its handler calls.
            String policies = String.valueOf(TemplateSecurityTest.rolePolicies(template, function).get("code"));
            for (String service : List.of("dynamodb", "sqs")) {
                if (policies.contains(service + ":")) {
                    services.add(service);
                }
            }
            // The trigger's own reads (stream records, queue messages: the "trigger" policy) are Lambda's, not the function's.
        });
        return servicesByJar.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            try (ZipFile zip = new ZipFile(template.baseDirectory().resolve(entry.getKey()).toFile())) {
                for (String service : List.of("dynamodb", "sqs")) {
                    boolean carried = zip.getEntry("software/amazon/awssdk/services/" + service + "/"
                            + (service.equals("sqs") ? "SqsClient.class" : "DynamoDbClient.class")) != null;
                    assertThat(carried).as("%s carries the %s client", entry.getKey(), service)
                            .isEqualTo(entry.getValue().contains(service));
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionArtifactHoldsItsHandlerAndNothingForbidden() {
        SamTemplate template = ProjectFiles.template();
        return template.resources("AWS::Serverless::Function").values().stream()
                .map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> check(template, function)));
    }

    private static void check(SamTemplate template, Resource function) throws Exception {
        String codeUri = (String) template.functionProperty(function, "CodeUri").orElseThrow();
        String handler = (String) function.properties().get("Handler");
        String className = handler.substring(0, handler.indexOf("::"));
        String methodName = handler.substring(handler.indexOf("::") + 2);
        Path jar = template.baseDirectory().resolve(codeUri);

        assertThat(jar).as("CodeUri of %s (run mvn package)", function.logicalId()).isRegularFile();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry(className.replace('.', '/') + ".class")).as("%s in %s", className, jar).isNotNull();
            List<String> forbidden = zip.stream().map(ZipEntry::getName)
                    .filter(name -> FORBIDDEN.stream().anyMatch(name::startsWith)).limit(5).toList();
            assertThat(forbidden).as("forbidden content in %s", jar).isEmpty();
        }
        // Only the platform class loader as parent: the jar must be complete on its own, as on Lambda.
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(className, false, loader);
            Class<?> requestHandler = Class.forName("com.amazonaws.services.lambda.runtime.RequestHandler", false, loader);
            Class<?> streamHandler = Class.forName("com.amazonaws.services.lambda.runtime.RequestStreamHandler", false, loader);
            boolean stream = streamHandler.isAssignableFrom(type);
            assertThat(requestHandler.isAssignableFrom(type) || stream)
                    .as("%s implements RequestHandler or RequestStreamHandler", className).isTrue();
            assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
            int parameters = stream ? 3 : 2;
            Method[] methods = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(methodName) && m.getParameterCount() == parameters && !m.isBridge())
                    .toArray(Method[]::new);
            assertThat(methods).as("%s.%s with %d parameters", className, methodName, parameters).hasSize(1);
        }
        System.out.printf("function-artifact %s %s %.1f MiB%n", function.logicalId(), template.baseDirectory().relativize(jar),
                Files.size(jar) / 1048576.0);
    }
}
