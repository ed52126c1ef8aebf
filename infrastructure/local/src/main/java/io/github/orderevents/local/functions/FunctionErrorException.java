package io.github.orderevents.local.functions;

/** The handler threw: Lambda reports such an invocation as a function error. */
public final class FunctionErrorException extends RuntimeException {
    public FunctionErrorException(String functionName, Throwable cause) {
        super(functionName + " failed: " + cause, cause);
    }
}
