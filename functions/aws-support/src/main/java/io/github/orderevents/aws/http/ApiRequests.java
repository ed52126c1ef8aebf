package io.github.orderevents.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads what a handler needs from an API Gateway REST proxy event, with the API's input limits. */
public final class ApiRequests {
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    /** Correlation ids land in logs and message attributes: short, and nothing that could forge a log line. */
    static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:+/=~-]{1,128}");

    private ApiRequests() {
    }

    /** The first value of a header, whatever the case of its name. */
    public static Optional<String> header(APIGatewayProxyRequestEvent in, String name) {
        Map<String, String> headers = in.getHeaders();
        if (headers != null) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                    return Optional.ofNullable(entry.getValue());
                }
            }
        }
        Map<String, List<String>> multi = in.getMultiValueHeaders();
        if (multi != null) {
            for (var entry : multi.entrySet()) {
                if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)
                        && entry.getValue() != null && !entry.getValue().isEmpty()) {
                    return Optional.ofNullable(entry.getValue().get(0));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The body as text, decoded from base64 when API Gateway encoded it.
     *
     * @throws ApiException 413 if it is over {@link #MAX_BODY_BYTES}, 400 if it is missing or not UTF-8 base64
     */
    public static String body(APIGatewayProxyRequestEvent in) {
        String raw = in.getBody();
        if (raw == null || raw.isEmpty()) {
            throw new ApiException(400, null, "request body is required");
        }
        byte[] bytes;
        if (Boolean.TRUE.equals(in.getIsBase64Encoded())) {
            try {
                bytes = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, null, "request body is not valid base64");
            }
        } else {
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, null, "request body must be at most " + MAX_BODY_BYTES + " bytes");
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ApiException(400, null, "request body is not valid UTF-8");
        }
    }

    /** Refuses a body declared as something other than JSON (415); no Content-Type is taken as JSON. */
    public static void requireJsonContent(APIGatewayProxyRequestEvent in) {
        header(in, "Content-Type").ifPresent(type -> {
            String media = type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (!media.equals("application/json") && !media.endsWith("+json")) {
                throw new ApiException(415, "Content-Type", "Content-Type must be application/json");
            }
        });
    }

    /** {@code X-Correlation-Id} if sent (and well formed), else the API request id, else a new UUID. */
    public static String correlationId(APIGatewayProxyRequestEvent in) {
        Optional<String> sent = header(in, CORRELATION_HEADER);
        if (sent.isPresent()) {
            if (!CORRELATION_ID.matcher(sent.get()).matches()) {
                throw new ApiException(400, CORRELATION_HEADER,
                        CORRELATION_HEADER + " must be 1 to 128 characters of letters, digits and . _ : -");
            }
            return sent.get();
        }
        var context = in.getRequestContext();
        if (context != null && context.getRequestId() != null && CORRELATION_ID.matcher(context.getRequestId()).matches()) {
            return context.getRequestId();
        }
        return UUID.randomUUID().toString();
    }

    /** The {@code Idempotency-Key} header, if sent. @throws ApiException 400 if it is malformed */
    public static Optional<String> idempotencyKey(APIGatewayProxyRequestEvent in) {
        Optional<String> key = header(in, IDEMPOTENCY_HEADER);
        if (key.isPresent() && !IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
            throw new ApiException(400, IDEMPOTENCY_HEADER,
                    IDEMPOTENCY_HEADER + " must be 1 to 128 characters of letters, digits and . _ : + / = ~ -");
        }
        return key;
    }

    /** A path parameter. @throws ApiException 400 if it is missing */
    public static String pathParameter(APIGatewayProxyRequestEvent in, String name) {
        Map<String, String> params = in.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null || value.isEmpty()) {
            throw new ApiException(400, name, "path parameter " + name + " is required");
        }
        return value;
    }

    public static Optional<String> queryParameter(APIGatewayProxyRequestEvent in, String name) {
        Map<String, String> params = in.getQueryStringParameters();
        return params == null ? Optional.empty() : Optional.ofNullable(params.get(name));
    }
}
