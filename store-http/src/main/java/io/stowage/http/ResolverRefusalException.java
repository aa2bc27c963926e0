package io.stowage.http;

import java.net.UnknownHostException;

/**
 * Thrown from name resolution when the host rules refuse the host or one of its addresses, so
 * that the HTTP client never opens the connection. An {@link UnknownHostException} because
 * that is what a resolver may throw; {@link HttpExchanges} turns it into a
 * {@link HostRefusedException}.
 */
final class ResolverRefusalException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    ResolverRefusalException(String reason) {
        super(reason);
    }
}
