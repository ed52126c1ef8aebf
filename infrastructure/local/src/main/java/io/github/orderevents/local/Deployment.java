package io.github.orderevents.local;

import io.github.orderevents.local.functions.LocalFunction;
import io.github.orderevents.local.provision.LocalResources;
import io.github.orderevents.local.template.LocalResource;
import io.github.orderevents.local.template.SamTemplate;
import io.github.orderevents.local.template.SamTemplate.Resource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.github.orderevents.local.template.SamTemplate.map;

/** Loads the template's functions from their artifacts, each with its template environment resolved locally. */
final class Deployment {
    private Deployment() {
    }

    /** One function of the template with its merged (Globals + own) settings. */
    record FunctionSpec(String logicalId, String name, Path artifact, String handler, Duration timeout, int memoryMb,
                        Map<String, String> environment, Map<String, Object> events) {
    }

    static List<FunctionSpec> functions(SamTemplate template, LocalResources resources, Map<String, String> awsEnvironment) {
        List<FunctionSpec> specs = new ArrayList<>();
        for (Resource function : template.resources("AWS::Serverless::Function").values()) {
            if (resources.find(function.logicalId()).isEmpty()) {
                continue; // excluded by its Condition
            }
            LocalResource local = resources.get(function.logicalId());
            Map<String, String> environment = new LinkedHashMap<>();
            Map<String, Object> globals = map(map(map(template.document().get("Globals")).get("Function")).get("Environment"));
            for (Map<String, Object> source : List.of(map(globals.get("Variables")),
                    map(map(function.properties().get("Environment")).get("Variables")))) {
                map(resources.intrinsics().resolve(source)).forEach((k, v) -> environment.put(k, String.valueOf(v)));
            }
            // JVM options are for Lambda's JVM; here every function shares the local cloud's.
            environment.remove("JAVA_TOOL_OPTIONS");
            environment.putAll(awsEnvironment);
            int timeout = Integer.parseInt(String.valueOf(resources.intrinsics().resolve(
                    template.functionProperty(function, "Timeout").orElse(3))));
            int memory = Integer.parseInt(String.valueOf(resources.intrinsics().resolve(
                    template.functionProperty(function, "MemorySize").orElse(128))));
            environment.put("AWS_LAMBDA_FUNCTION_NAME", local.ref());
            environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memory));
            String codeUri = resources.intrinsics().resolveString(template.functionProperty(function, "CodeUri").orElseThrow(
                    () -> new IllegalStateException(function.logicalId() + " has no CodeUri")));
            String handler = resources.intrinsics().resolveString(template.functionProperty(function, "Handler").orElseThrow());
            specs.add(new FunctionSpec(function.logicalId(), local.ref(), template.baseDirectory().resolve(codeUri), handler,
                    Duration.ofSeconds(timeout), memory, environment, map(function.properties().get("Events"))));
        }
        return specs;
    }

    /** Loads every function (two at a time: class loading is CPU-bound), failing with the first error. */
    static Map<String, LocalFunction> load(List<FunctionSpec> specs, int maxConcurrency,
                                           java.util.function.Consumer<ClassLoader> prepare) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        try {
            Map<String, Future<LocalFunction>> loading = new LinkedHashMap<>();
            for (FunctionSpec spec : specs) {
                loading.put(spec.logicalId(), pool.submit(() -> LocalFunction.load(spec.name(), spec.artifact(), spec.handler(),
                        spec.environment(), spec.timeout(), spec.memoryMb(), maxConcurrency, prepare)));
            }
            Map<String, LocalFunction> loaded = new LinkedHashMap<>();
            for (var entry : loading.entrySet()) {
                try {
                    loaded.put(entry.getKey(), entry.getValue().get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while loading functions", e);
                }
            }
            return loaded;
        } finally {
            pool.shutdownNow();
        }
    }
}
