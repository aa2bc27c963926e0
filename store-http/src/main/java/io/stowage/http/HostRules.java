package io.stowage.http;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which hosts an HTTP store or download handler may talk to: the allow/deny decision, as a
 * pure function of a host name and the addresses it resolved to (no DNS, no network).
 *
 * <p>The order: a {@code deniedHosts} entry matching the name or any address refuses; a
 * link-local or cloud-metadata address or name refuses unless {@code allowLinkLocal} is set
 * or an {@code allowedHosts} entry names it explicitly (an address entry for addresses, so a
 * name entry cannot let a rebinding DNS answer reach the metadata service); then, when
 * {@code allowedHosts} is not empty, the host must match one of its name entries or every
 * address one of its address entries.
 */
final class HostRules {
    private static final Pattern NAME = Pattern.compile("(\\*\\.)?[a-z0-9_-]+(\\.[a-z0-9_-]+)*");
    /** Link-local ranges: IPv4 169.254/16 holds the AWS/GCP/Azure/OpenStack metadata address. */
    private static final List<AddressBlock> LINK_LOCAL = List.of(
            AddressBlock.parse("169.254.0.0/16"),
            AddressBlock.parse("fe80::/10"));
    /** Metadata endpoints outside the link-local ranges (Alibaba Cloud, AWS over IPv6). */
    private static final List<AddressBlock> METADATA_ADDRESSES = List.of(
            AddressBlock.parse("100.100.100.200/32"),
            AddressBlock.parse("fd00:ec2::254/128"));
    private static final AddressBlock IPV4_COMPATIBLE = AddressBlock.parse("::/96");
    private static final AddressBlock NAT64 = AddressBlock.parse("64:ff9b::/96");
    private static final Set<String> METADATA_NAMES = Set.of(
            "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal");

    private final Entries allowed;
    private final Entries denied;
    private final boolean allowLinkLocal;

    private HostRules(Entries allowed, Entries denied, boolean allowLinkLocal) {
        this.allowed = allowed;
        this.denied = denied;
        this.allowLinkLocal = allowLinkLocal;
    }

    /**
     * The rules of a config.
     *
     * @throws IllegalArgumentException naming the key when an entry is neither a host name,
     *     {@code *.domain}, an IP address nor a CIDR block
     */
    static HostRules of(List<String> allowedHosts, List<String> deniedHosts, boolean allowLinkLocal) {
        return new HostRules(Entries.parse("allowedHosts", allowedHosts), Entries.parse("deniedHosts", deniedHosts),
                allowLinkLocal);
    }

    /** No allow list, nothing denied but the defaults. */
    static HostRules defaults() {
        return of(List.of(), List.of(), false);
    }

    /**
     * The decision for a host before its name is resolved: for {@code owns} and before any
     * request. An IP literal is decided completely; a name may still be refused by
     * {@link #refusal(String, List)} once its addresses are known.
     *
     * @return why the host is refused, or empty when it may be tried
     */
    Optional<String> refusal(String host) {
        requireNonNull(host, "host is null");
        String normal = normalise(host);
        if (normal.isEmpty()) {
            return Optional.of("the location has no host");
        }
        Optional<InetAddress> literal = AddressBlock.literal(normal);
        if (literal.isPresent()) {
            return refusal(normal, List.of(literal.get()));
        }
        Optional<String> byName = nameRefusal(normal);
        if (byName.isPresent()) {
            return byName;
        }
        if (!allowed.isEmpty() && !allowed.matchesName(normal) && allowed.blocks.isEmpty()) {
            return Optional.of("host '" + normal + "' is not in allowedHosts");
        }
        return Optional.empty();
    }

    /**
     * The decision for a host and the addresses its name resolved to (or the one address an
     * IP literal spells).
     *
     * @return why the host is refused, or empty when it may be connected to
     */
    Optional<String> refusal(String host, List<InetAddress> addresses) {
        requireNonNull(host, "host is null");
        requireNonNull(addresses, "addresses is null");
        String normal = normalise(host);
        boolean literal = AddressBlock.literal(normal).isPresent();
        if (!literal) {
            Optional<String> byName = nameRefusal(normal);
            if (byName.isPresent()) {
                return byName;
            }
        }
        if (addresses.isEmpty()) {
            return Optional.of("host '" + normal + "' has no address");
        }
        for (InetAddress address : addresses) {
            String shown = address.getHostAddress();
            Optional<AddressBlock> deny = withEmbeddedIpv4(address).stream()
                    .map(denied::block).flatMap(Optional::stream).findFirst();
            if (deny.isPresent()) {
                return Optional.of("host '" + normal + "' (" + shown + ") is denied by deniedHosts entry '" + deny.get() + "'");
            }
            if (isLinkLocalOrMetadata(address) && !allowLinkLocal && allowed.block(address).isEmpty()) {
                return Optional.of("host '" + normal + "' (" + shown + ") is a link-local or cloud-metadata address,"
                        + " refused unless allowLinkLocal is set or allowedHosts lists the address");
            }
        }
        if (allowed.isEmpty() || (!literal && allowed.matchesName(normal))) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (allowed.block(address).isEmpty()) {
                return Optional.of("host '" + normal + "' (" + address.getHostAddress() + ") is not in allowedHosts");
            }
        }
        return Optional.empty();
    }

    private Optional<String> nameRefusal(String name) {
        Optional<String> deny = denied.name(name);
        if (deny.isPresent()) {
            return Optional.of("host '" + name + "' is denied by deniedHosts entry '" + deny.get() + "'");
        }
        if (METADATA_NAMES.contains(name) && !allowLinkLocal && allowed.name(name).isEmpty()) {
            return Optional.of("host '" + name + "' is a cloud-metadata name, refused unless allowLinkLocal is set"
                    + " or allowedHosts lists it");
        }
        return Optional.empty();
    }

    private static boolean isLinkLocalOrMetadata(InetAddress address) {
        for (InetAddress candidate : withEmbeddedIpv4(address)) {
            if (candidate.isLinkLocalAddress()
                    || LINK_LOCAL.stream().anyMatch(block -> block.contains(candidate))
                    || METADATA_ADDRESSES.stream().anyMatch(block -> block.contains(candidate))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The address, plus the IPv4 address inside it when it is IPv4-compatible ({@code ::a.b.c.d})
     * or NAT64 ({@code 64:ff9b::a.b.c.d}), forms that may still reach the IPv4 host.
     */
    private static List<InetAddress> withEmbeddedIpv4(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 16 || !(IPV4_COMPATIBLE.contains(address) || NAT64.contains(address))) {
            return List.of(address);
        }
        try {
            return List.of(address, InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 bytes are an IPv4 address", e);
        }
    }

    static String normalise(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        while (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        return lower;
    }

    /** One list of host entries, split into names, {@code *.domain} suffixes and address blocks. */
    private record Entries(List<String> names, List<String> suffixes, List<AddressBlock> blocks) {
        static Entries parse(String key, List<String> entries) {
            List<String> names = new ArrayList<>();
            List<String> suffixes = new ArrayList<>();
            List<AddressBlock> blocks = new ArrayList<>();
            for (String entry : entries) {
                String normal = normalise(entry.trim());
                if (normal.indexOf('/') >= 0 || AddressBlock.literal(normal).isPresent()) {
                    try {
                        blocks.add(AddressBlock.parse(normal));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(key + " holds an invalid entry: " + e.getMessage());
                    }
                } else if (NAME.matcher(normal).matches()) {
                    if (normal.startsWith("*.")) {
                        suffixes.add(normal.substring(1));
                    } else {
                        names.add(normal);
                    }
                } else {
                    throw new IllegalArgumentException(key + " holds an entry that is neither a host name, *.domain,"
                            + " an IP address nor a CIDR block: '" + entry + "'");
                }
            }
            return new Entries(List.copyOf(names), List.copyOf(suffixes), List.copyOf(blocks));
        }

        boolean isEmpty() {
            return names.isEmpty() && suffixes.isEmpty() && blocks.isEmpty();
        }

        boolean matchesName(String name) {
            return name(name).isPresent();
        }

        Optional<String> name(String name) {
            if (names.contains(name)) {
                return Optional.of(name);
            }
            return suffixes.stream().filter(name::endsWith).findFirst().map(suffix -> "*" + suffix);
        }

        Optional<AddressBlock> block(InetAddress address) {
            return blocks.stream().filter(block -> block.contains(address)).findFirst();
        }
    }
}
