package io.github.orderevents.local.faults.sdk;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.HttpStatusCode;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.lang.reflect.Method;

/**
 * The 503 a service answers when it is unavailable, built as the SDK would build it from the real response:
 * the service's own modelled base exception (e.g. {@code DynamoDbException}, {@code SqsException}) with
 * status 503 and error code "ServiceUnavailable". This jar sees only sdk-core, so the service's exception
 * and aws-core's {@code AwsErrorDetails} are found by reflection, in the class loader of the request (the
 * function's SDK); if that fails (a client not generated the usual way), a plain {@link SdkServiceException}
 * with status 503, which the SDK retries and reports the same way.
 */
final class ServiceUnavailable {
    static final String ERROR_CODE = "ServiceUnavailable";
    static final String REQUEST_ID = "local-cloud-injected-fault";
    private static final String AWS_ERROR_DETAILS = "software.amazon.awssdk.awscore.exception.AwsErrorDetails";

    private ServiceUnavailable() {
    }

    static SdkServiceException exception(SdkRequest request, String service, String operation) {
        String message = "injected fault: service unavailable (" + service + " " + operation + ")";
        try {
            return asTheServiceWould(request.getClass(), service, message);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return SdkServiceException.builder()
                    .statusCode(HttpStatusCode.SERVICE_UNAVAILABLE)
                    .requestId(REQUEST_ID)
                    .message(message)
                    .build();
        }
    }

    /** E.g. {@code ...services.dynamodb.model.PutItemRequest} -> {@code ...services.dynamodb.model.DynamoDbException}. */
    private static SdkServiceException asTheServiceWould(Class<?> requestType, String service, String message)
            throws ReflectiveOperationException {
        ClassLoader loader = requestType.getClassLoader();
        Class<?> exceptionType = Class.forName(requestType.getPackageName() + "." + service + "Exception", false, loader);
        if (!SdkServiceException.class.isAssignableFrom(exceptionType)) {
            throw new ClassCastException(exceptionType + " is not a service exception");
        }
        Method builderMethod = exceptionType.getMethod("builder");
        Class<?> builderType = builderMethod.getReturnType(); // the public Builder interface, not its private impl
        SdkServiceException.Builder builder = (SdkServiceException.Builder) builderMethod.invoke(null);

        Class<?> detailsType = Class.forName(AWS_ERROR_DETAILS, false, loader);
        Method detailsBuilderMethod = detailsType.getMethod("builder");
        Class<?> detailsBuilderType = detailsBuilderMethod.getReturnType();
        Object details = detailsBuilderMethod.invoke(null);
        detailsBuilderType.getMethod("errorCode", String.class).invoke(details, ERROR_CODE);
        detailsBuilderType.getMethod("errorMessage", String.class).invoke(details, message);
        detailsBuilderType.getMethod("serviceName", String.class).invoke(details, service);
        detailsBuilderType.getMethod("sdkHttpResponse", SdkHttpResponse.class).invoke(details, SdkHttpResponse.builder()
                .statusCode(HttpStatusCode.SERVICE_UNAVAILABLE)
                .statusText("Service Unavailable")
                .build());
        Object built = detailsBuilderType.getMethod("build").invoke(details);
        builderType.getMethod("awsErrorDetails", detailsType).invoke(builder, built);

        builder.statusCode(HttpStatusCode.SERVICE_UNAVAILABLE).requestId(REQUEST_ID).message(message);
        return builder.build();
    }
}
