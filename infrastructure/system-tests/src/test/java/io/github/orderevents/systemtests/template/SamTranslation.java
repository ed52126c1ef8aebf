package io.github.orderevents.systemtests.template;

import io.github.orderevents.local.template.SamTemplate;
import com.fasterxml.jackson.core.type.TypeReference;
import io.github.orderevents.aws.Json;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.github.orderevents.local.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A template after the SAM transform, as sam deploy would create it: SAM's own translator (Python, the
 * one CloudFormation runs), through src/test/resources/sam-translate.py, with the given parameter values.
 * Tests that need it are skipped where python3 with aws-sam-translator is not installed.
 */
final class SamTranslation {
    private static final Map<String, Map<String, Object>> CACHE = new ConcurrentHashMap<>();

    private SamTranslation() {
    }

    /** template.yaml translated with its parameters' defaults. */
    static Map<String, Object> ofProjectTemplate() {
        return of(ProjectFiles.root().resolve("template.yaml"), Map.of());
    }

    /** template.yaml translated with {@code parameters} overriding the defaults. */
    static Map<String, Object> ofProjectTemplate(Map<String, String> parameters) {
        return of(ProjectFiles.root().resolve("template.yaml"), parameters);
    }

    /** The project's template with each key of {@code replacements} (which must be there) replaced by its value. */
    static Map<String, Object> ofProjectTemplateWith(Map<String, String> replacements) {
        try {
            String text = Files.readString(ProjectFiles.root().resolve("template.yaml"));
            for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                assertThat(text).as("template.yaml").contains(replacement.getKey());
                text = text.replace(replacement.getKey(), replacement.getValue());
            }
            Path changed = Files.createTempFile("template-", ".yaml");
            changed.toFile().deleteOnExit();
            Files.writeString(changed, text);
            return of(changed, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resource logical id -> resource (Type, Properties, DeletionPolicy, ...) of a translation. */
    static Map<String, Map<String, Object>> resources(Map<String, Object> translation) {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        map(translation.get("Resources")).forEach((id, resource) -> resources.put(id, map(resource)));
        return resources;
    }

    /** The logical ids of the resources of {@code type} in a translation. */
    static List<String> idsOfType(Map<String, Object> translation, String type) {
        return resources(translation).entrySet().stream().filter(e -> type.equals(e.getValue().get("Type")))
                .map(Map.Entry::getKey).sorted().toList();
    }

    static Map<String, Object> of(Path template, Map<String, String> parameters) {
        return CACHE.computeIfAbsent(template + " " + new TreeMap<>(parameters), key -> translate(template, parameters));
    }

    private static Map<String, Object> translate(Path template, Map<String, String> parameters) {
        assumeThat(run(List.of("python3", "-c", "import samtranslator")).exitCode())
                .as("python3 with samtranslator (pip install aws-sam-translator)").isZero();
        Path script;
        try {
            script = Path.of(Objects.requireNonNull(SamTranslation.class.getResource("/sam-translate.py")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), template.toString()));
        parameters.forEach((key, value) -> command.add(key + "=" + value));
        Result result = run(command);
        assertThat(result.exitCode()).as("SAM transform of %s failed:%n%s", template, result.errors()).isZero();
        try {
            return Json.MAPPER.readValue(result.output(), new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new AssertionError("SAM transform printed no template: " + result.output(), e);
        }
    }

    private record Result(int exitCode, String output, String errors) {
    }

    private static Result run(List<String> command) {
        try {
            File errors = File.createTempFile("sam-translate", ".err");
            errors.deleteOnExit();
            ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectFiles.root().toFile())
                    .redirectError(errors);
            builder.environment().putIfAbsent("AWS_DEFAULT_REGION", "eu-west-1");
            Process process = builder.start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output, "timed out");
            }
            return new Result(process.exitValue(), output, Files.readString(errors.toPath()));
        } catch (IOException e) {
            return new Result(-1, "", String.valueOf(e)); // no python3 at all
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
