package org.vecnn.nn.engine;

/** What the engine's method-handle calls share: how a failure of {@code invokeExact} reaches the caller. */
public final class Handles {

    private Handles() {
    }

    /**
     * The exception to throw for a failure of a method-handle call: an unchecked exception as it is, an error
     * thrown as it is, and a checked one (no handle the engine calls declares one) wrapped.
     */
    public static RuntimeException rethrown(Throwable e) {
        if (e instanceof RuntimeException unchecked) {
            return unchecked;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e);
    }
}
