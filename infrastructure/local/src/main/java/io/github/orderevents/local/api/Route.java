package io.github.orderevents.local.api;

import io.github.orderevents.local.functions.LambdaFunction;

import java.util.Locale;
import java.util.Objects;

/**
 * One method of the local REST API: an HTTP method (or {@code ANY}) on a resource path template such as
 * {@code /orders/{orderId}} or {@code /files/{proxy+}}, integrated with a function (Lambda proxy integration).
 */
public record Route(String method, String pathTemplate, LambdaFunction function) {
    /** API Gateway's catch-all method: matches every HTTP method the resource does not define itself. */
    public static final String ANY = "ANY";

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        Objects.requireNonNull(function, "function");
        // SAM writes methods in lower case (Method: get); HTTP methods are upper case.
        method = method.trim().toUpperCase(Locale.ROOT);
        if (method.isEmpty()) {
            throw new IllegalArgumentException("method must not be empty");
        }
        PathTemplate.parse(pathTemplate);
    }
}
