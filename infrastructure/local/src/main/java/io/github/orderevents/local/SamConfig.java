package io.github.orderevents.local;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stack name SAM would deploy a template as: {@code stack_name} of the default environment of the SAM CLI
 * configuration beside the template ({@code samconfig.toml}, else {@code samconfig.yaml} or {@code .yml}), from
 * {@code [default.deploy.parameters]} (what {@code sam deploy} reads first), else {@code [default.global.parameters]};
 * without one, {@value #SAM_DEFAULT}, as {@code sam init} and {@code sam deploy --guided} propose.
 */
final class SamConfig {
    static final String SAM_DEFAULT = "sam-app";
    private static final List<String> SECTIONS = List.of("default.deploy.parameters", "default.global.parameters");

    private SamConfig() {
    }

    static String stackName(Path template) {
        Path dir = template.toAbsolutePath().getParent();
        if (dir == null) {
            return SAM_DEFAULT;
        }
        try {
            Path toml = dir.resolve("samconfig.toml");
            if (Files.isRegularFile(toml)) {
                return fromToml(Files.readAllLines(toml, StandardCharsets.UTF_8)).orElse(SAM_DEFAULT);
            }
            for (String yaml : List.of("samconfig.yaml", "samconfig.yml")) {
                Path file = dir.resolve(yaml);
                if (Files.isRegularFile(file)) {
                    try (Reader reader = Files.newBufferedReader(file)) {
                        return fromYaml(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader)).orElse(SAM_DEFAULT);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SAM configuration beside " + template, e);
        }
        return SAM_DEFAULT;
    }

    /** {@code stack_name} of a samconfig.toml's default environment: a small TOML subset (tables, string keys). */
    static Optional<String> fromToml(List<String> lines) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                int end = line.indexOf(']');
                String name = end < 0 ? line.substring(1) : line.substring(1, end);
                current = tables.computeIfAbsent(name.replace(" ", "").replace("\"", ""), n -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq < 1) {
                continue;
            }
            current.put(line.substring(0, eq).strip(), tomlString(line.substring(eq + 1).strip()));
        }
        return SECTIONS.stream().map(tables::get).filter(t -> t != null && t.get("stack_name") != null)
                .map(t -> t.get("stack_name")).filter(s -> !s.isBlank()).findFirst();
    }

    @SuppressWarnings("unchecked")
    static Optional<String> fromYaml(Object document) {
        if (!(document instanceof Map<?, ?> root) || !(root.get("default") instanceof Map<?, ?> environment)) {
            return Optional.empty();
        }
        for (String command : List.of("deploy", "global")) {
            if (environment.get(command) instanceof Map<?, ?> section
                    && section.get("parameters") instanceof Map<?, ?> parameters
                    && parameters.get("stack_name") != null && !String.valueOf(parameters.get("stack_name")).isBlank()) {
                return Optional.of(String.valueOf(parameters.get("stack_name")));
            }
        }
        return Optional.empty();
    }

    /** A basic ("...") or literal ('...') string, or a bare value up to a comment. */
    private static String tomlString(String value) {
        if (value.startsWith("\"")) {
            StringBuilder text = new StringBuilder();
            for (int i = 1; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length()) {
                    text.append(value.charAt(++i));
                } else if (c == '"') {
                    break;
                } else {
                    text.append(c);
                }
            }
            return text.toString();
        }
        if (value.startsWith("'")) {
            int end = value.indexOf('\'', 1);
            return end < 0 ? value.substring(1) : value.substring(1, end);
        }
        int comment = value.indexOf('#');
        return (comment < 0 ? value : value.substring(0, comment)).strip();
    }
}
