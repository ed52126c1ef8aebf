package io.github.orderevents.local;

import io.github.orderevents.local.lambda.ArtifactResolver;
import io.github.orderevents.local.lambda.FunctionConfig;
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
import java.util.function.Consumer;

import static io.github.orderevents.local.template.SamTemplate.map;

/** The template's functions as the runner starts them: each one's settings (Globals merged) resolved locally. */
final class Deployment {
    private Deployment() {
    }

    /** One function of the template: how its processes are started, and its events. */
    record FunctionSpec(String logicalId, FunctionConfig config, Map<String, Object> events) {
        String name() {
            return config.functionName();
        }
    }

    /**
     * @param awsEnvironment what every function process gets besides its template variables: region,
     *                       credentials, the local endpoints ({@code AWS_ENDPOINT_URL_<SERVICE>})
     * @param maxConcurrency the most instances of one function (fewer when it reserves less concurrency)
     * @param extraJars      local-only jars for every function's class loader (fault injection), or none
     * @param log            where a function's log lines go, given its name
     * @param artifacts      what each CodeUri is (a package, a task root, a Maven project to build first)
     */
    static List<FunctionSpec> functions(SamTemplate template, LocalResources resources, Map<String, String> awsEnvironment,
                                        String region, int maxConcurrency, List<Path> extraJars,
                                        java.util.function.Function<String, Consumer<String>> log,
                                        ArtifactResolver artifacts) {
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
            environment.putAll(awsEnvironment);
            int timeout = Integer.parseInt(String.valueOf(property(template, resources, function, "Timeout", 3)));
            int memory = Integer.parseInt(String.valueOf(property(template, resources, function, "MemorySize", 128)));
            String runtime = String.valueOf(property(template, resources, function, "Runtime", "java21"));
            String codeUri = resources.intrinsics().resolveString(template.functionProperty(function, "CodeUri").orElseThrow(
                    () -> new IllegalStateException(function.logicalId() + " has no CodeUri")));
            String handler = resources.intrinsics().resolveString(template.functionProperty(function, "Handler").orElseThrow(
                    () -> new IllegalStateException(function.logicalId() + " has no Handler")));
            Object reserved = property(template, resources, function, "ReservedConcurrentExecutions", null);
            int instances = reserved == null ? maxConcurrency
                    : Math.max(1, Math.min(maxConcurrency, Integer.parseInt(String.valueOf(reserved))));
            String name = local.ref();
            FunctionConfig config = new FunctionConfig(function.logicalId(), name, handler, runtime,
                    artifacts.resolve(function.logicalId(), codeUri), memory, Duration.ofSeconds(timeout), environment, instances,
                    extraJars, List.of(), region, log.apply(name),
                    // SnapStart applies to published versions only; the runner invokes $LATEST, as sam local does.
                    false);
            specs.add(new FunctionSpec(function.logicalId(), config, map(function.properties().get("Events"))));
        }
        return specs;
    }

    private static Object property(SamTemplate template, LocalResources resources, Resource function, String name,
                                   Object otherwise) {
        return template.functionProperty(function, name).map(v -> resources.intrinsics().resolve(v)).orElse(otherwise);
    }
}
