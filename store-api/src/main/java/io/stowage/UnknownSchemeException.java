package io.stowage;

/** No configured store or handler serves the scheme of a location. */
public class UnknownSchemeException extends InvalidLocationException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public UnknownSchemeException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public UnknownSchemeException(String message, Throwable cause) {
        super(message, cause);
    }
}
