package io.stowage;

/**
 * A backend's server answered with something that cannot be what was asked for: an unreadable
 * or inconsistent header (a {@code Content-Length}, a {@code Content-Range}), a range other than
 * the one requested, a content coding nobody asked for, a response the client cannot parse. Like
 * any {@link IntegrityException}, it means the bytes cannot be trusted to be the object's; the
 * message names the object and quotes what the server sent.
 */
public class MalformedResponseException extends IntegrityException {
    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
