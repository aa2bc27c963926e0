package io.stowage.support;

import io.stowage.OperationInterruptedException;

/** The one way this package reports an interrupt: the exception, with the thread's interrupt status set again. */
final class Interruptions {
    private Interruptions() {}

    static OperationInterruptedException interrupted(String message, Throwable cause) {
        Thread.currentThread().interrupt();
        return new OperationInterruptedException(message, cause);
    }
}
