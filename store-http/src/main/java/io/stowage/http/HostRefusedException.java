package io.stowage.http;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidLocationException;

/**
 * The host rules of an HTTP store or download handler refuse a location's host, a redirect
 * target or an address a host name resolved to. The message names the host (and the address)
 * and the config key that would open it: {@code allowedHosts} (for loopback, private,
 * link-local and other non-public addresses: an entry holding the address), {@code
 * allowLinkLocal}, or the {@code deniedHosts} entry that refuses it. Nothing was sent to the
 * host.
 */
public final class HostRefusedException extends InvalidLocationException {
    private static final long serialVersionUID = 1L;

    /** The refused host, as {@link #host()} returns it. */
    private final String host;

    HostRefusedException(String message, String host) {
        super(message);
        this.host = requireNonNull(host, "host is null");
    }

    /** {@return the refused host as the URL names it (lower case, IPv6 without brackets)} */
    public String host() {
        return host;
    }
}
