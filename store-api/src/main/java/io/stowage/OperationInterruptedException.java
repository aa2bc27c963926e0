package io.stowage;

/**
 * The calling thread was interrupted during a store operation. The operation was abandoned
 * and cleaned up as any other failure (a stopped add leaves nothing behind), and the thread's
 * interrupt status is set again when this is thrown, so callers up the stack still see it.
 *
 * <p>Every backend reports an interrupt with this type, whatever its transport raised
 * ({@link java.io.InterruptedIOException}, {@link java.nio.channels.ClosedByInterruptException},
 * an SDK's abort).
 */
public class OperationInterruptedException extends StoreException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public OperationInterruptedException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public OperationInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
