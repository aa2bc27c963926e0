package io.stowage;

/** The data does not match what was expected: size or checksum mismatch, or truncated data. */
public class IntegrityException extends StoreException {
    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
