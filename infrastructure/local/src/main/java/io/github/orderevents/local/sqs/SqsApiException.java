package io.github.orderevents.local.sqs;

/**
 * An SQS error answer of the move-task actions: the HTTP status, the code clients see and the message,
 * as the SQS API reference and AWS's own answers give them (checked against LocalStack's snapshot tests
 * recorded on AWS, tests/aws/services/sqs/test_sqs_move_task.snapshot.json).
 */
public final class SqsApiException extends RuntimeException {
    private final int httpStatus;
    private final String errorCode;
    private final String shape;

    private SqsApiException(int httpStatus, String errorCode, String shape, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.shape = shape;
    }

    /** A parameter has a value SQS rejects (400 InvalidParameterValue, a common SQS error). */
    static SqsApiException invalidParameterValue(String message) {
        return new SqsApiException(400, "InvalidParameterValue", "InvalidParameterValue", message);
    }

    /** A required parameter is missing (400 MissingParameter, a common SQS error). */
    static SqsApiException missingParameter(String parameter) {
        return new SqsApiException(400, "MissingParameter", "MissingParameter",
                "The request must contain the parameter " + parameter + ".");
    }

    /** A queue named by an ARN parameter does not exist (404, as the model's awsQueryError trait says). */
    static SqsApiException resourceNotFound(String message) {
        return new SqsApiException(404, "ResourceNotFoundException", "ResourceNotFoundException", message);
    }

    /** Something failed on this side (500 InternalError, a common SQS error). */
    static SqsApiException internalError(String message) {
        return new SqsApiException(500, "InternalError", "InternalError", message);
    }

    static SqsApiException queueNotFound(String parameter) {
        return resourceNotFound("The resource that you specified for the " + parameter + " parameter doesn't exist.");
    }

    static SqsApiException invalidArn(String parameter) {
        return invalidParameterValue("You must use this format to specify the " + parameter
                + ": arn:<partition>:<service>:<region>:<account-id>:<resource-id>");
    }

    /** The HTTP status of the answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The error code as the query protocol and the {@code x-amzn-query-error} header give it, and as SDKs
     * report it (e.g. {@code InvalidParameterValue}, {@code ResourceNotFoundException}).
     */
    public String errorCode() {
        return errorCode;
    }

    /** The JSON protocol's {@code __type}. */
    String jsonType() {
        return "com.amazonaws.sqs#" + shape;
    }
}
