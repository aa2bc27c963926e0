package io.stowage.http;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.Arrays;

/** A CIDR block ({@code 169.254.0.0/16}, {@code fe80::/10}) or one address; matches IPv4 and IPv6 apart. */
final class AddressBlock {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private AddressBlock(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code address} or {@code address/prefix}; an IPv4 address is a plain dotted quad
     * (see {@link IpLiteral#canonical}), an IPv6 address may be in brackets.
     *
     * @throws IllegalArgumentException if it is neither
     */
    static AddressBlock parse(String text) {
        requireNonNull(text, "text is null");
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress parsed = IpLiteral.canonical(address)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR block: " + text));
        byte[] bytes = parsed.getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("invalid prefix length in CIDR block: " + text);
            }
            prefix = Integer.parseInt(length);
        }
        return new AddressBlock(mask(bytes, prefix), prefix, text);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (masked[i] & (0xff << (8 - keep)));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text;
    }
}
