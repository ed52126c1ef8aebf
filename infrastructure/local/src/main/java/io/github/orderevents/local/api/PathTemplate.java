package io.github.orderevents.local.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A REST API resource path: literal segments, {@code {name}} parameters and a final greedy {@code {name+}}. */
record PathTemplate(String text, List<Segment> segments) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    enum Kind { LITERAL, PARAMETER, GREEDY }

    record Segment(Kind kind, String value) {
    }

    PathTemplate {
        segments = List.copyOf(segments);
    }

    /** @throws IllegalArgumentException if {@code text} is not a valid resource path */
    static PathTemplate parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/': " + text);
        }
        List<Segment> segments = new ArrayList<>();
        String trimmed = text.length() > 1 && text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        if (!trimmed.equals("/")) {
            String[] parts = trimmed.substring(1).split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (part.isEmpty()) {
                    throw new IllegalArgumentException("empty segment in path template " + text);
                }
                if (part.startsWith("{") && part.endsWith("}")) {
                    boolean greedy = part.endsWith("+}");
                    String name = part.substring(1, part.length() - (greedy ? 2 : 1));
                    if (!NAME.matcher(name).matches()) {
                        throw new IllegalArgumentException("bad parameter " + part + " in path template " + text);
                    }
                    // "The greedy path variable must be at the end of the resource path" (API Gateway developer guide).
                    if (greedy && i != parts.length - 1) {
                        throw new IllegalArgumentException("greedy " + part + " must be the last segment of " + text);
                    }
                    segments.add(new Segment(greedy ? Kind.GREEDY : Kind.PARAMETER, name));
                } else if (part.contains("{") || part.contains("}")) {
                    throw new IllegalArgumentException("a parameter must be a whole segment: " + part + " in " + text);
                } else {
                    segments.add(new Segment(Kind.LITERAL, part));
                }
            }
        }
        return new PathTemplate(trimmed, segments);
    }

    /**
     * Matches decoded request path segments.
     *
     * @return the path parameters (empty map for a template without any) or empty if the path does not match
     */
    Optional<Map<String, String>> match(List<String> path) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.kind() == Kind.GREEDY) {
                if (path.size() <= i) {
                    return Optional.empty();
                }
                // Like API Gateway: {proxy+} of /files/a/b is "a/b", without the leading slash.
                parameters.put(segment.value(), String.join("/", path.subList(i, path.size())));
                return Optional.of(parameters);
            }
            if (i >= path.size()) {
                return Optional.empty();
            }
            String actual = path.get(i);
            switch (segment.kind()) {
                case LITERAL -> {
                    if (!segment.value().equals(actual)) {
                        return Optional.empty();
                    }
                }
                case PARAMETER -> {
                    if (actual.isEmpty()) {
                        return Optional.empty();
                    }
                    parameters.put(segment.value(), actual);
                }
                default -> throw new IllegalStateException();
            }
        }
        return path.size() == segments.size() ? Optional.of(parameters) : Optional.empty();
    }

    /**
     * Orders two templates that both match a path, most specific first: at the first segment where they
     * differ, a literal beats a {param}, which beats a greedy {proxy+}.
     */
    static int bySpecificity(PathTemplate a, PathTemplate b) {
        int n = Math.min(a.segments.size(), b.segments.size());
        for (int i = 0; i < n; i++) {
            int c = a.segments.get(i).kind().compareTo(b.segments.get(i).kind());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(b.segments.size(), a.segments.size());
    }
}
