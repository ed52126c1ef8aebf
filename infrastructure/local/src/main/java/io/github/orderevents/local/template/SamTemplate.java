package io.github.orderevents.local.template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A SAM template read from disk, with typed access to what the local tooling needs of it. */
public final class SamTemplate {
    private final Path file;
    private final Map<String, Object> document;

    private SamTemplate(Path file, Map<String, Object> document) {
        this.file = file;
        this.document = document;
    }

    public static SamTemplate read(Path file) throws IOException {
        return new SamTemplate(file, TemplateYaml.read(file));
    }

    /** The folder relative {@code CodeUri}s resolve against. */
    public Path baseDirectory() {
        return file.toAbsolutePath().getParent();
    }

    public Map<String, Object> document() {
        return document;
    }

    /** Logical id -> resource, for every resource of {@code type}, in template order. */
    public Map<String, Resource> resources(String type) {
        Map<String, Resource> matching = new LinkedHashMap<>();
        map(document.get("Resources")).forEach((id, raw) -> {
            Map<String, Object> resource = map(raw);
            if (type.equals(resource.get("Type"))) {
                matching.put(id, new Resource(id, type, map(resource.getOrDefault("Properties", Map.of()))));
            }
        });
        return matching;
    }

    /**
     * A property of a function, falling back to {@code Globals.Function} as SAM does (for maps such
     * as {@code Environment}, SAM merges; this returns the function's own value when it has one).
     */
    public Optional<Object> functionProperty(Resource function, String name) {
        Object own = function.properties().get(name);
        if (own != null) {
            return Optional.of(own);
        }
        Map<String, Object> globals = map(map(document.getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of()));
        return Optional.ofNullable(globals.get(name));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a mapping, found " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?>)) {
            throw new IllegalArgumentException("expected a list, found " + value);
        }
        return (List<Object>) value;
    }

    /** One resource of the template. */
    public record Resource(String logicalId, String type, Map<String, Object> properties) {
    }
}
