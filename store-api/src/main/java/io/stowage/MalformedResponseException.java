package io.stowage;

/**
 * A backend's server answered with something that cannot be what was asked for: an unreadable
 * or inconsistent header (a {@code Content-Length}, a {@code Content-Range}), a range other than
 * the one requested, a content coding nobody asked for, a response the client cannot parse. Like
 * any {@link IntegrityException}, it means the bytes cannot be trusted to be the object's; the
 * message names the object and quotes what the server sent.
 */
public class MalformedResponseException extends IntegrityException {
    /**
     * An error with its message.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     */
    public MalformedResponseException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that caused it.
     *
     * @param message what failed, naming the location or id concerned and never a credential
     * @param cause the underlying failure
     */
    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
