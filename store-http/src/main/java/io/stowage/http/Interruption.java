package io.stowage.http;

import io.stowage.OperationInterruptedException;

/**
 * How the store answers an interrupt of the calling thread: it stops what it was doing and
 * throws {@link OperationInterruptedException}, with the thread's interrupt status set again
 * so that callers up the stack still see it. The HTTP client's blocking socket reads do not
 * react to an interrupt, so the store looks for one before each request, each read of a body
 * and each pause before a retry.
 */
final class Interruption {
    private Interruption() {}

    /** Whether the calling thread has been interrupted (its status is left as it is). */
    static boolean pending() {
        return Thread.currentThread().isInterrupted();
    }

    /**
     * @throws OperationInterruptedException if the calling thread has been interrupted
     */
    static void check(String doing) throws OperationInterruptedException {
        if (pending()) {
            throw interrupted(doing, null);
        }
    }

    /** The exception for an interrupt noticed while {@code doing}; sets the interrupt status again. */
    static OperationInterruptedException interrupted(String doing, Throwable cause) {
        Thread.currentThread().interrupt();
        return new OperationInterruptedException("Interrupted " + doing, cause);
    }
}
