package io.github.orderevents.local.api;

import io.github.orderevents.local.functions.LambdaFunction;

import java.util.Locale;
import java.util.Objects;

/**
 * One method of the local REST API: an HTTP method (or {@code ANY}) on a resource path template such as
 * {@code /orders/{orderId}} or {@code /files/{proxy+}}, integrated with a function (Lambda proxy integration),
 * on one API's stage: {@code apiId} and {@code stage} (null: the local API's defaults) are what the event's
 * requestContext says, and the stage is the path prefix the route is also served under ({@code /Prod/orders}).
 */
public record Route(String method, String pathTemplate, LambdaFunction function, String apiId, String stage) {
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
        if (stage != null && (stage.isBlank() || stage.contains("/"))) {
            throw new IllegalArgumentException("a stage is a non-empty name without '/': " + stage);
        }
        PathTemplate.parse(pathTemplate);
    }

    /** A route of the local API's default API and stage. */
    public Route(String method, String pathTemplate, LambdaFunction function) {
        this(method, pathTemplate, function, null, null);
    }
}
