package io.stowage.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The addresses an HTTP store refuses unless its config opens them: every range IANA's
 * special-purpose registries mark as not globally reachable (loopback, "this network",
 * private, carrier-grade NAT, link-local, unique-local, documentation, benchmarking, reserved),
 * multicast, and the cloud metadata endpoints, also when an IPv4 address hides inside an IPv6
 * one (IPv4-compatible, IPv4-translated, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16};
 * IPv4-mapped addresses the JDK already turns into IPv4 ones).
 */
final class NonPublicAddresses {
    /** What kind of address it is, and whether {@code allowLinkLocal} opens it. */
    enum Kind {
        CLOUD_METADATA("a cloud-metadata address", true),
        LINK_LOCAL("a link-local address", true),
        UNSPECIFIED("an unspecified (\"this network\") address", false),
        LOOPBACK("a loopback address", false),
        PRIVATE("a private address", false),
        UNIQUE_LOCAL("a unique-local address", false),
        SHARED("a carrier-grade NAT address", false),
        SITE_LOCAL("a site-local address", false),
        MULTICAST("a multicast or broadcast address", false),
        RESERVED("a reserved or special-purpose address", false);

        private final String description;
        private final boolean linkLocal;

        Kind(String description, boolean linkLocal) {
            this.description = description;
            this.linkLocal = linkLocal;
        }

        String description() {
            return description;
        }

        /** Whether {@code allowLinkLocal} lifts the refusal of this kind. */
        boolean openedByAllowLinkLocal() {
            return linkLocal;
        }
    }

    /** A non-public range; {@code embeddedIn} is the IPv6 address the IPv4 one was found in. */
    record Match(Kind kind, AddressBlock block, InetAddress address, Optional<InetAddress> embeddedIn) {}

    private record Range(AddressBlock block, Kind kind) {}

    /** First match wins: the metadata endpoints before the ranges holding them. */
    private static final List<Range> RANGES = List.of(
            range("169.254.169.254/32", Kind.CLOUD_METADATA), // AWS, GCP, Azure, OpenStack, Oracle, DigitalOcean
            range("169.254.170.2/32", Kind.CLOUD_METADATA), // AWS ECS task metadata
            range("169.254.170.23/32", Kind.CLOUD_METADATA), // AWS EKS pod identity
            range("100.100.100.200/32", Kind.CLOUD_METADATA), // Alibaba Cloud
            range("168.63.129.16/32", Kind.CLOUD_METADATA), // Azure WireServer
            range("192.0.0.192/32", Kind.CLOUD_METADATA), // Oracle Cloud (legacy)
            range("fd00:ec2::254/128", Kind.CLOUD_METADATA), // AWS over IPv6
            range("fd00:ec2::23/128", Kind.CLOUD_METADATA), // AWS EKS pod identity over IPv6
            range("fd20:ce::254/128", Kind.CLOUD_METADATA), // GCP over IPv6
            range("0.0.0.0/8", Kind.UNSPECIFIED),
            range("10.0.0.0/8", Kind.PRIVATE),
            range("100.64.0.0/10", Kind.SHARED),
            range("127.0.0.0/8", Kind.LOOPBACK),
            range("169.254.0.0/16", Kind.LINK_LOCAL),
            range("172.16.0.0/12", Kind.PRIVATE),
            range("192.0.0.0/24", Kind.RESERVED), // IETF protocol assignments
            range("192.0.2.0/24", Kind.RESERVED), // documentation
            range("192.88.99.0/24", Kind.RESERVED), // 6to4 relay anycast (deprecated)
            range("192.168.0.0/16", Kind.PRIVATE),
            range("198.18.0.0/15", Kind.RESERVED), // benchmarking
            range("198.51.100.0/24", Kind.RESERVED), // documentation
            range("203.0.113.0/24", Kind.RESERVED), // documentation
            range("224.0.0.0/4", Kind.MULTICAST),
            range("240.0.0.0/4", Kind.RESERVED), // 255.255.255.255 included
            range("::/128", Kind.UNSPECIFIED),
            range("::1/128", Kind.LOOPBACK),
            range("64:ff9b:1::/48", Kind.RESERVED), // local-use NAT64
            range("100::/64", Kind.RESERVED), // discard-only
            range("2001::/23", Kind.RESERVED), // IETF protocol assignments, Teredo included
            range("2001:db8::/32", Kind.RESERVED), // documentation
            range("3fff::/20", Kind.RESERVED), // documentation
            range("5f00::/16", Kind.RESERVED), // SRv6 segment ids
            range("fc00::/7", Kind.UNIQUE_LOCAL),
            range("fe80::/10", Kind.LINK_LOCAL),
            range("fec0::/10", Kind.SITE_LOCAL),
            range("ff00::/8", Kind.MULTICAST));

    private static final AddressBlock IPV4_COMPATIBLE = AddressBlock.parse("::/96");
    private static final AddressBlock IPV4_TRANSLATED = AddressBlock.parse("::ffff:0:0:0/96");
    private static final AddressBlock NAT64 = AddressBlock.parse("64:ff9b::/96");
    private static final AddressBlock SIX_TO_FOUR = AddressBlock.parse("2002::/16");

    private NonPublicAddresses() {}

    /** The non-public range holding {@code address} or the IPv4 address inside it, if any. */
    static Optional<Match> find(InetAddress address) {
        Optional<Range> direct = rangeOf(address);
        if (direct.isPresent()) {
            return Optional.of(new Match(direct.get().kind(), direct.get().block(), address, Optional.empty()));
        }
        return embeddedIpv4(address).flatMap(inner -> rangeOf(inner)
                .map(range -> new Match(range.kind(), range.block(), inner, Optional.of(address))));
    }

    /** The address, and the IPv4 address inside it when it is an IPv6 form that may still reach that host. */
    static List<InetAddress> withEmbeddedIpv4(InetAddress address) {
        return embeddedIpv4(address).map(inner -> List.of(address, inner)).orElse(List.of(address));
    }

    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 16) {
            return Optional.empty();
        }
        int from;
        if (IPV4_COMPATIBLE.contains(address) || IPV4_TRANSLATED.contains(address) || NAT64.contains(address)) {
            from = 12;
        } else if (SIX_TO_FOUR.contains(address)) {
            from = 2;
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(bytes, from, from + 4)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are an IPv4 address", e);
        }
    }

    private static Optional<Range> rangeOf(InetAddress address) {
        return RANGES.stream().filter(range -> range.block().contains(address)).findFirst();
    }

    private static Range range(String block, Kind kind) {
        return new Range(AddressBlock.parse(block), kind);
    }
}
