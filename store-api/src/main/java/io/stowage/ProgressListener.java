package io.stowage;

/** Told how many bytes a transfer has moved so far. Called from the transferring thread; must be cheap. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = bytes -> {};

    void transferred(long bytesSoFar);
}
