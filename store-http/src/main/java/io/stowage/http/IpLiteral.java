package io.stowage.http;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The IP address a URL host spells, read without DNS. IPv4 hosts are read as browsers, curl and
 * the C library's {@code inet_aton} read them (the WHATWG URL standard): one to four parts,
 * each decimal, octal (leading {@code 0}) or hexadecimal ({@code 0x}), the last part filling the
 * remaining bytes, so {@code 2130706433}, {@code 0177.1} and {@code 0x7f.0.0.1} all spell
 * 127.0.0.1. The host rules decide on that address and the resolver connects to that same
 * address, so no spelling can mean one address to the check and another to the connection.
 */
final class IpLiteral {
    private static final Pattern NUMBER_PART = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern CANONICAL_IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private IpLiteral() {}

    /**
     * The address {@code host} spells (IPv6 with or without brackets, IPv4 in any of the forms
     * above), or empty when it is a host name or no valid host at all.
     */
    static Optional<InetAddress> parse(String host) {
        String bare = unbracketed(host);
        if (bare.indexOf(':') >= 0) {
            return ipv6(bare);
        }
        return ipv4(host);
    }

    /**
     * The address of a config entry, which must be written plainly: a dotted quad without leading
     * zeros, or IPv6. Other numeric forms are ambiguous in a config file and refused.
     */
    static Optional<InetAddress> canonical(String text) {
        String bare = unbracketed(text);
        if (bare.indexOf(':') >= 0) {
            return ipv6(bare);
        }
        return CANONICAL_IPV4.matcher(text).matches() ? ipv4(text) : Optional.empty();
    }

    /**
     * Whether {@code host} ends in a number ({@code 1.2.3.4}, {@code example.0x10}): such a host
     * is an IPv4 address or invalid, never a name (the WHATWG rule).
     */
    static boolean endsInNumber(String host) {
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = trimmed.substring(trimmed.lastIndexOf('.') + 1);
        return !last.isEmpty() && NUMBER_PART.matcher(last).matches();
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Optional<InetAddress> ipv6(String bare) {
        // only hex digits, ':' and '.': the JDK reads it as a literal and never asks DNS (no zone ids)
        if (!IPV6.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName("[" + bare + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipv4(String host) {
        if (!endsInNumber(host)) {
            return Optional.empty();
        }
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = trimmed.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            Optional<BigInteger> number = number(parts[i]);
            boolean last = i == parts.length - 1;
            BigInteger limit = BigInteger.ONE.shiftLeft(last ? 8 * (4 - i) : 8);
            if (number.isEmpty() || number.get().compareTo(limit) >= 0) {
                return Optional.empty();
            }
            value = last ? (value << (8 * (4 - i))) | number.get().longValue() : (value << 8) | number.get().longValue();
        }
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are an IPv4 address", e);
        }
    }

    private static Optional<BigInteger> number(String part) {
        if (!NUMBER_PART.matcher(part).matches()) {
            return Optional.empty();
        }
        if (part.startsWith("0x") || part.startsWith("0X")) {
            return Optional.of(part.length() == 2 ? BigInteger.ZERO : new BigInteger(part.substring(2), 16));
        }
        if (part.length() > 1 && part.startsWith("0")) {
            return part.chars().allMatch(c -> c <= '7') ? Optional.of(new BigInteger(part.substring(1), 8)) : Optional.empty();
        }
        return Optional.of(new BigInteger(part));
    }
}
