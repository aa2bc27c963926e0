package io.stowage;

/** No configured store or handler serves the scheme of a location. */
public class UnknownSchemeException extends InvalidLocationException {
    public UnknownSchemeException(String message) {
        super(message);
    }

    public UnknownSchemeException(String message, Throwable cause) {
        super(message, cause);
    }
}
