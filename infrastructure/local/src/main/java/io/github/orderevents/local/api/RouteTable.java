package io.github.orderevents.local.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the route for a request as a REST API does: first the resource (the most specific template that
 * matches the path), then the method on that resource (its own method, else its ANY).
 */
final class RouteTable {
    record Match(Route route, PathTemplate template, Map<String, String> pathParameters) {
    }

    private record Resource(PathTemplate template, Map<String, Route> byMethod) {
    }

    private final List<Resource> resources;

    RouteTable(List<Route> routes) {
        this(routes, false);
    }

    /**
     * @param firstWins whether a second route for a method and path is dropped (the table of several APIs'
     *                  routes, where each API may have its own) rather than refused (within one API)
     */
    RouteTable(List<Route> routes, boolean firstWins) {
        Map<String, Resource> byTemplate = new LinkedHashMap<>();
        for (Route route : routes) {
            PathTemplate template = PathTemplate.parse(route.pathTemplate());
            Resource resource = byTemplate.computeIfAbsent(template.text(),
                    text -> new Resource(template, new LinkedHashMap<>()));
            if (!resource.template().segments().equals(template.segments())) {
                throw new IllegalStateException("same text, different segments: " + template.text());
            }
            Route previous = resource.byMethod().putIfAbsent(route.method(), route);
            if (previous != null && !firstWins) {
                throw new IllegalArgumentException("two routes for " + route.method() + " " + template.text()
                        + ": " + previous.function().name() + " and " + route.function().name());
            }
        }
        List<Resource> sorted = new ArrayList<>(byTemplate.values());
        sorted.sort(Comparator.comparing(Resource::template, PathTemplate::bySpecificity));
        this.resources = List.copyOf(sorted);
    }

    /**
     * The route for {@code method} on the request path {@code rawPath} (still percent-encoded), or empty
     * if no resource matches or the matching resource has neither that method nor ANY. Like API Gateway,
     * a resource that matches but lacks the method does not fall through to a less specific resource.
     */
    Optional<Match> find(String method, String rawPath) {
        List<String> path = decodedSegments(rawPath);
        for (Resource resource : resources) {
            Optional<Map<String, String>> parameters = resource.template().match(path);
            if (parameters.isPresent()) {
                Route route = resource.byMethod().get(method);
                if (route == null) {
                    route = resource.byMethod().get(Route.ANY);
                }
                return route == null
                        ? Optional.empty()
                        : Optional.of(new Match(route, resource.template(), parameters.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * The path's segments, each percent-decoded on its own (so {@code %2F} stays inside its segment and a
     * {@code +} stays a plus: it only means a space in query strings). A trailing slash is ignored.
     */
    static List<String> decodedSegments(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return List.of();
        }
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(decodePathSegment(segment));
        }
        return segments;
    }

    static String decodePathSegment(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }
}
