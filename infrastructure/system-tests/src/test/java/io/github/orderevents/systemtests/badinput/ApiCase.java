package io.github.orderevents.systemtests.badinput;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One malformed API request and the refusal it must get: the status, and the {@code field} the error body
 * names (null where the API names none, e.g. for a body that is not JSON at all).
 *
 * @param body     the raw bytes sent, or null for a request without a body
 * @param gateway  true when API Gateway itself answers (no route): its body is {@code {"message": ...}},
 *                 not the functions' {@code {"error": ...}}
 */
record ApiCase(String name, String method, String path, Map<String, String> headers, byte[] body,
               int status, String field, boolean gateway) {

    static ApiCase post(String name, String body) {
        return request(name, "POST", "/orders", body);
    }

    static ApiCase postBytes(String name, byte[] body) {
        return new ApiCase(name, "POST", "/orders", Map.of("Content-Type", "application/json"), body, 0, null, false);
    }

    static ApiCase put(String name, String path, String body) {
        return request(name, "PUT", path, body);
    }

    static ApiCase get(String name, String path) {
        return new ApiCase(name, "GET", path, Map.of(), null, 0, null, false);
    }

    /** A method or path the API does not have: API Gateway's 403 "Missing Authentication Token". */
    static ApiCase unrouted(String name, String method, String path) {
        return new ApiCase(name, method, path, Map.of(), null, 403, null, true);
    }

    private static ApiCase request(String name, String method, String path, String body) {
        return new ApiCase(name, method, path, Map.of("Content-Type", "application/json"),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), 0, null, false);
    }

    /** The same request with this header (set, or replaced); a null value removes it. */
    ApiCase header(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.remove(name);
        if (value != null) {
            changed.put(name, value);
        }
        return new ApiCase(this.name, method, path, changed, body, status, field, gateway);
    }

    ApiCase refused(int status) {
        return refused(status, null);
    }

    ApiCase refused(int status, String field) {
        return new ApiCase(name, method, path, headers, body, status, field, gateway);
    }

    /** "POST /orders: customerId is a number -> 400 customerId". */
    String displayName() {
        String shownPath = path.length() > 60 ? path.substring(0, 60) + "…" : path;
        return method + " " + shownPath + ": " + name + " -> " + status + (field == null ? "" : " " + field);
    }

    @Override
    public String toString() {
        return displayName();
    }
}
