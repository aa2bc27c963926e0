package io.stowage.http;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which hosts an HTTP store or download handler may talk to: the allow/deny decision, as a
 * pure function of a host name and the addresses it resolved to (no DNS, no network).
 *
 * <p>The order: a {@code deniedHosts} entry matching the name or any address refuses; a
 * link-local or cloud-metadata address or name refuses unless {@code allowLinkLocal} is set
 * or an {@code allowedHosts} entry names it explicitly (an address entry for addresses, so a
 * name entry cannot let a rebinding DNS answer reach the metadata service); then, when
 * {@code allowedHosts} is not empty, a host name must match one of its name entries and an IP
 * literal one of its address entries. So every decision but the denial of resolved addresses
 * is made from the URL alone, without DNS (as {@code owns} needs).
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

    /** An entry without {@code :port} matches every port. */
    static final int ANY_PORT = -1;
    /** The port when it is not known (a resolver asked without one). */
    static final int UNKNOWN_PORT = -2;

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
     * The decision for a host and port before the name is resolved: for {@code owns} and
     * before any request. An IP literal is decided completely; a name may still be refused by
     * {@link #refusal(String, int, List)} once its addresses are known.
     *
     * @param port the port connected to (the scheme's default when the URL names none)
     * @return why the host is refused, or empty when it may be tried
     */
    Optional<String> refusal(String host, int port) {
        requireNonNull(host, "host is null");
        String normal = normalise(host);
        if (normal.isEmpty()) {
            return Optional.of("the location has no host");
        }
        Optional<InetAddress> literal = AddressBlock.literal(normal);
        if (literal.isPresent()) {
            return refusal(normal, port, List.of(literal.get()));
        }
        Optional<String> byName = nameRefusal(normal, port);
        if (byName.isPresent()) {
            return byName;
        }
        if (!allowed.isEmpty() && allowed.name(normal, port, false).isEmpty()) {
            return Optional.of("host '" + shown(normal, port) + "' is not in allowedHosts");
        }
        return Optional.empty();
    }

    /**
     * The decision for a host and port and the addresses the name resolved to (or the one
     * address an IP literal spells).
     *
     * @param port the port connected to, or {@link #UNKNOWN_PORT}: then entries naming a port
     *     refuse (a denied one) or do not allow (an allowed one), failing closed
     * @return why the host is refused, or empty when it may be connected to
     */
    Optional<String> refusal(String host, int port, List<InetAddress> addresses) {
        requireNonNull(host, "host is null");
        requireNonNull(addresses, "addresses is null");
        String normal = normalise(host);
        boolean literal = AddressBlock.literal(normal).isPresent();
        if (!literal) {
            Optional<String> byName = nameRefusal(normal, port);
            if (byName.isPresent()) {
                return byName;
            }
        }
        if (addresses.isEmpty()) {
            return Optional.of("host '" + normal + "' has no address");
        }
        for (InetAddress address : addresses) {
            String shown = address.getHostAddress();
            Optional<String> deny = withEmbeddedIpv4(address).stream()
                    .map(candidate -> denied.block(candidate, port, true)).flatMap(Optional::stream).findFirst();
            if (deny.isPresent()) {
                return Optional.of("host '" + shown(normal, port) + "' (" + shown + ") is denied by deniedHosts entry '"
                        + deny.get() + "'");
            }
            if (isLinkLocalOrMetadata(address) && !allowLinkLocal && allowed.block(address, port, false).isEmpty()) {
                return Optional.of("host '" + normal + "' (" + shown + ") is a link-local or cloud-metadata address,"
                        + " refused unless allowLinkLocal is set or allowedHosts lists the address");
            }
        }
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        if (!literal) {
            return allowed.name(normal, port, false).isPresent()
                    ? Optional.empty()
                    : Optional.of("host '" + shown(normal, port) + "' is not in allowedHosts");
        }
        for (InetAddress address : addresses) {
            if (allowed.block(address, port, false).isEmpty()) {
                return Optional.of("host '" + shown(normal, port) + "' (" + address.getHostAddress()
                        + ") is not in allowedHosts");
            }
        }
        return Optional.empty();
    }

    private Optional<String> nameRefusal(String name, int port) {
        Optional<String> deny = denied.name(name, port, true);
        if (deny.isPresent()) {
            return Optional.of("host '" + shown(name, port) + "' is denied by deniedHosts entry '" + deny.get() + "'");
        }
        if (METADATA_NAMES.contains(name) && !allowLinkLocal && allowed.name(name, port, false).isEmpty()) {
            return Optional.of("host '" + name + "' is a cloud-metadata name, refused unless allowLinkLocal is set"
                    + " or allowedHosts lists it");
        }
        return Optional.empty();
    }

    private static String shown(String host, int port) {
        if (port == UNKNOWN_PORT) {
            return host;
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
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

    /** One host entry: a name, a {@code *.domain} suffix or an address block, on any port or one port. */
    private record Entry(String text, Optional<String> name, Optional<String> suffix, Optional<AddressBlock> block,
            int port) {
        boolean matchesPort(int wanted, boolean unknownMatches) {
            return port == ANY_PORT || (wanted == UNKNOWN_PORT ? unknownMatches : wanted == port);
        }
    }

    /** One list of host entries. */
    private record Entries(List<Entry> entries) {
        private static final Pattern WITH_PORT = Pattern.compile("(.+):(\\d{1,5})");
        private static final Pattern BRACKETED_WITH_PORT = Pattern.compile("\\[(.+)]:(\\d{1,5})");

        static Entries parse(String key, List<String> texts) {
            List<Entry> entries = new ArrayList<>();
            for (String text : texts) {
                String trimmed = text.trim().toLowerCase(Locale.ROOT);
                String host = trimmed;
                int port = ANY_PORT;
                Matcher bracketed = BRACKETED_WITH_PORT.matcher(trimmed);
                Matcher withPort = WITH_PORT.matcher(trimmed);
                if (bracketed.matches()) {
                    host = bracketed.group(1);
                    port = port(key, text, bracketed.group(2));
                } else if (withPort.matches() && withPort.group(1).indexOf(':') < 0) {
                    host = withPort.group(1);
                    port = port(key, text, withPort.group(2));
                }
                String normal = normalise(host);
                if (normal.indexOf('/') >= 0 || AddressBlock.literal(normal).isPresent()) {
                    try {
                        entries.add(new Entry(text, Optional.empty(), Optional.empty(), Optional.of(AddressBlock.parse(normal)),
                                port));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(key + " holds an invalid entry: " + e.getMessage());
                    }
                } else if (NAME.matcher(normal).matches()) {
                    boolean suffix = normal.startsWith("*.");
                    entries.add(new Entry(text, suffix ? Optional.empty() : Optional.of(normal),
                            suffix ? Optional.of(normal.substring(1)) : Optional.empty(), Optional.empty(), port));
                } else {
                    throw new IllegalArgumentException(key + " holds an entry that is neither a host name, *.domain,"
                            + " an IP address nor a CIDR block (each optionally with :port): '" + text + "'");
                }
            }
            return new Entries(List.copyOf(entries));
        }

        private static int port(String key, String text, String digits) {
            int port = Integer.parseInt(digits);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(key + " holds an entry with an invalid port: '" + text + "'");
            }
            return port;
        }

        boolean isEmpty() {
            return entries.isEmpty();
        }

            /** The first name or suffix entry matching {@code name} on {@code port}. */
        Optional<String> name(String name, int port, boolean unknownPortMatches) {
            return entries.stream()
                    .filter(entry -> entry.matchesPort(port, unknownPortMatches))
                    .filter(entry -> entry.name().map(name::equals).orElse(false)
                            || entry.suffix().map(name::endsWith).orElse(false))
                    .map(Entry::text)
                    .findFirst();
        }

        /** The first address entry covering {@code address} on {@code port}. */
        Optional<String> block(InetAddress address, int port, boolean unknownPortMatches) {
            return entries.stream()
                    .filter(entry -> entry.matchesPort(port, unknownPortMatches))
                    .filter(entry -> entry.block().map(block -> block.contains(address)).orElse(false))
                    .map(Entry::text)
                    .findFirst();
        }
    }
}
