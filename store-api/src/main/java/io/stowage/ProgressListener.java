package io.stowage;

/** Told how many bytes a transfer has moved so far. Called from the transferring thread; must be cheap. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that does nothing. */
    ProgressListener NONE = bytes -> {};

    /**
     * Tells how far the transfer is.
     *
     * @param bytesSoFar the bytes moved since the transfer began
     */
    void transferred(long bytesSoFar);
}
