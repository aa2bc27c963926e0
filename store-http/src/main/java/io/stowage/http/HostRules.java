package io.stowage.http;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which hosts an HTTP store or download handler may talk to: the allow/deny decision, as a
 * pure function of a host name and the addresses it resolved to (no DNS, no network).
 *
 * <p>The order:
 * <ol>
 * <li>a host that is neither a host name nor an IP address ({@link IpLiteral}) is refused;
 * <li>a {@code deniedHosts} entry matching the name or any address refuses;
 * <li>a non-public address ({@link NonPublicAddresses}: loopback, private, link-local,
 *     metadata, ...) refuses unless an address entry of {@code allowedHosts} covers it (or,
 *     for link-local and metadata addresses, {@code allowLinkLocal} is set). A name entry is
 *     never enough, so that a DNS answer cannot turn an allowed name into an internal address;
 *     the names {@code localhost} and the metadata names are refused before resolving the same
 *     way unless {@code allowedHosts} lists the name;
 * <li>then, when {@code allowedHosts} is not empty, a host name must match one of its name
 *     entries and an IP address one of its address entries.
 * </ol>
 * So every decision but the one on resolved addresses is made from the URL alone, without DNS
 * (as {@code owns} needs).
 */
final class HostRules {
    private static final Set<String> METADATA_NAMES = Set.of(
            "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal");
    private static final Set<String> LOOPBACK_NAMES = Set.of(
            "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback");
    private static final String ADDRESS_ENTRY = "(the address or a CIDR block holding it)";

    /** An entry without {@code :port} matches every port. */
    static final int ANY_PORT = -1;
    /** The port when it is not known (a resolver asked without one). */
    static final int UNKNOWN_PORT = -2;

    private final HostEntries allowed;
    private final HostEntries denied;
    private final boolean allowLinkLocal;

    private HostRules(HostEntries allowed, HostEntries denied, boolean allowLinkLocal) {
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
        return new HostRules(HostEntries.parse("allowedHosts", allowedHosts), HostEntries.parse("deniedHosts", deniedHosts),
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
        Optional<InetAddress> literal = IpLiteral.parse(normal);
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
        boolean literal = IpLiteral.parse(normal).isPresent();
        if (!literal) {
            Optional<String> byName = nameRefusal(normal, port);
            if (byName.isPresent()) {
                return byName;
            }
        }
        if (addresses.isEmpty()) {
            return Optional.of("host '" + shown(normal, port) + "' has no address");
        }
        for (InetAddress address : addresses) {
            Optional<String> refused = addressRefusal(normal, port, address);
            if (refused.isPresent()) {
                return refused;
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

    private Optional<String> addressRefusal(String host, int port, InetAddress address) {
        String shown = address.getHostAddress();
        Optional<String> deny = NonPublicAddresses.withEmbeddedIpv4(address).stream()
                .map(candidate -> denied.block(candidate, port, true)).flatMap(Optional::stream).findFirst();
        if (deny.isPresent()) {
            return Optional.of("host '" + shown(host, port) + "' (" + shown + ") is denied by deniedHosts entry '"
                    + deny.get() + "'");
        }
        Optional<NonPublicAddresses.Match> nonPublic = NonPublicAddresses.find(address);
        if (nonPublic.isEmpty() || allowed.block(address, port, false).isPresent()) {
            return Optional.empty();
        }
        NonPublicAddresses.Kind kind = nonPublic.get().kind();
        if (kind.openedByAllowLinkLocal() && allowLinkLocal) {
            return Optional.empty();
        }
        String form = nonPublic.get().embeddedIn().isPresent()
                ? ", an IPv6 form of " + nonPublic.get().address().getHostAddress()
                : "";
        return Optional.of("host '" + shown(host, port) + "' (" + shown + form + ") is " + kind.description() + " ("
                + nonPublic.get().block() + "), refused unless " + opener(kind) + "allowedHosts lists it " + ADDRESS_ENTRY);
    }

    private Optional<String> nameRefusal(String name, int port) {
        if (!HostEntries.NAME.matcher(name).matches() || name.startsWith("*.") || IpLiteral.endsInNumber(name)) {
            return Optional.of("host '" + name + "' is neither a host name nor an IP address");
        }
        Optional<String> deny = denied.name(name, port, true);
        if (deny.isPresent()) {
            return Optional.of("host '" + shown(name, port) + "' is denied by deniedHosts entry '" + deny.get() + "'");
        }
        if (allowed.name(name, port, false).isPresent()) {
            return Optional.empty();
        }
        if (METADATA_NAMES.contains(name) && !allowLinkLocal) {
            return Optional.of("host '" + shown(name, port) + "' is a cloud-metadata name, refused unless "
                    + opener(NonPublicAddresses.Kind.CLOUD_METADATA) + "allowedHosts lists it");
        }
        if (LOOPBACK_NAMES.contains(name) || name.endsWith(".localhost")) {
            return Optional.of("host '" + shown(name, port) + "' is a loopback name, refused unless allowedHosts lists"
                    + " it (the name, and its addresses or a CIDR block holding them)");
        }
        return Optional.empty();
    }

    private static String opener(NonPublicAddresses.Kind kind) {
        return kind.openedByAllowLinkLocal() ? "allowLinkLocal is set or " : "";
    }

    private static String shown(String host, int port) {
        if (port == UNKNOWN_PORT) {
            return host;
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Lower case, without the trailing dots of a fully qualified name and without IPv6 brackets. */
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
}
