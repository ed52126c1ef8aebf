package io.github.orderevents.local.functions;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads one function from its deployment artifact alone, as Lambda does: everything comes from the jar
 * (its own SDK, Jackson, Powertools, statics) except the Lambda runtime interfaces
 * ({@code com.amazonaws.services.lambda.runtime.Context}, {@code RequestHandler}, ...), which the local
 * cloud provides, so that it can call the handler and hand it a context.
 */
final class FunctionClassLoader extends URLClassLoader {
    private static final String RUNTIME_API = "com.amazonaws.services.lambda.runtime.";
    private final ClassLoader runtime;

    FunctionClassLoader(String functionName, URL artifact, ClassLoader runtime) {
        super(functionName, new URL[]{artifact}, ClassLoader.getPlatformClassLoader());
        this.runtime = runtime;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isRuntimeApi(name)) {
            return runtime.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    /** The interfaces directly in the runtime package (not the events or serialization sub-packages). */
    static boolean isRuntimeApi(String className) {
        return className.startsWith(RUNTIME_API)
                && (className.indexOf('.', RUNTIME_API.length()) < 0
                || className.startsWith(RUNTIME_API + "logging."));
    }
}
