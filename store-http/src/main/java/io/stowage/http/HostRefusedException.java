package io.stowage.http;

import java.net.UnknownHostException;

/**
 * Thrown from name resolution when the host rules refuse the host or one of its addresses, so
 * that the HTTP client never opens the connection. An {@link UnknownHostException} because
 * that is what a resolver may throw; {@link HttpExchanges} turns it into the store's refusal.
 */
final class HostRefusedException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    HostRefusedException(String reason) {
        super(reason);
    }
}
