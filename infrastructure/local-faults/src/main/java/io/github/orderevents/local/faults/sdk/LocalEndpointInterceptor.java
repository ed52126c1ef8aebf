package io.github.orderevents.local.faults.sdk;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a request that is on its way to an AWS endpoint of a service the local cloud serves to the local endpoint of
 * that service, as {@code AWS_ENDPOINT_URL_<SERVICE>} names it. Recent SDKs read those variables by themselves, so
 * their requests never go to an AWS host and this does nothing to them; older ones (2.17 and 2.20, which many public
 * applications pin) ignore the variables and would go to {@code dynamodb.<region>.amazonaws.com} and the like,
 * with the local cloud's fake credentials. Loaded like {@link FaultInjectingInterceptor}, as a global interceptor of
 * the function's own SDK: it changes the client's endpoint before the request is resolved (SDKs such as 2.20),
 * and the request's host once it is (SDKs such as 2.17).
 *
 * <p>Only the services the local cloud serves are redirected (DynamoDB, DynamoDB Streams, SQS, Lambda), and only when
 * their variable is set; a request to any other service, or to a host that is not AWS's, is left as it is.
 */
public final class LocalEndpointInterceptor implements ExecutionInterceptor {
    /** {@code <prefix>.<region>.amazonaws.com}, and the China partition's {@code .amazonaws.com.cn}. */
    private static final Pattern AWS_HOST = Pattern.compile("(.+)\\.[a-z]{2}(?:-[a-z]+)+-\\d+\\.amazonaws\\.com(?:\\.cn)?");
    /** Endpoint prefix (the host's first labels) -> the variable that names the local endpoint. */
    private static final Map<String, String> VARIABLES = Map.of(
            "dynamodb", "AWS_ENDPOINT_URL_DYNAMODB",
            "streams.dynamodb", "AWS_ENDPOINT_URL_DYNAMODB_STREAMS",
            "sqs", "AWS_ENDPOINT_URL_SQS",
            "lambda", "AWS_ENDPOINT_URL_LAMBDA");

    private final Map<String, String> env;

    /** The SDK's constructor: reads the process's environment. */
    public LocalEndpointInterceptor() {
        this(System.getenv());
    }

    LocalEndpointInterceptor(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * SDKs that resolve each request's endpoint (2.20 does, 2.17 does not) do it from the client's endpoint, in an
     * interceptor of the service that runs after this one and sets the request's host: the client's endpoint, given
     * as an override, is what they resolve to then. SDKs that set the host when they marshal the request (2.17) ignore
     * these attributes, and {@link #modifyHttpRequest} redirects their request.
     */
    @Override
    @SuppressWarnings("deprecation")
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        try {
            URI clientEndpoint = executionAttributes.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT);
            if (clientEndpoint == null || clientEndpoint.getHost() == null) {
                return;
            }
            localEndpoint(clientEndpoint.getHost()).ifPresent(endpoint -> {
                executionAttributes.putAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT, endpoint);
                executionAttributes.putAttribute(SdkExecutionAttribute.ENDPOINT_OVERRIDDEN, true);
            });
        } catch (RuntimeException e) {
            // Newer SDKs derive these attributes from an endpoint provider, which a request without one cannot change;
            // they read AWS_ENDPOINT_URL_* themselves, and modifyHttpRequest still applies.
        }
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes executionAttributes) {
        SdkHttpRequest request = context.httpRequest();
        return localEndpoint(request.host()).map(endpoint -> redirect(request, endpoint)).orElse(request);
    }

    /** The local endpoint for requests to {@code host}, if it is an AWS host of a service with one. */
    Optional<URI> localEndpoint(String host) {
        Matcher matcher = AWS_HOST.matcher(host.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(VARIABLES.get(matcher.group(1))).map(env::get).filter(value -> !value.isBlank())
                .map(value -> URI.create(value.trim()));
    }

    private static SdkHttpRequest redirect(SdkHttpRequest request, URI endpoint) {
        String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        return request.toBuilder()
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .encodedPath(basePath + request.encodedPath())
                .build();
    }

    @Override
    public String toString() {
        return "LocalEndpointInterceptor";
    }
}
