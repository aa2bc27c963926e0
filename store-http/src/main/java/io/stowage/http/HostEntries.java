package io.stowage.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One list of host entries ({@code allowedHosts} or {@code deniedHosts}): host names, {@code
 * *.domain} suffixes, IP addresses and CIDR blocks, each on any port or on one port.
 */
final class HostEntries {
    /** A host name or {@code *.domain}: letters, digits, '-' and '_' in dot-separated labels. */
    static final Pattern NAME = Pattern.compile("(\\*\\.)?[a-z0-9_-]+(\\.[a-z0-9_-]+)*");
    private static final int ANY_PORT = HostRules.ANY_PORT;
    private static final int UNKNOWN_PORT = HostRules.UNKNOWN_PORT;

    private static final Pattern WITH_PORT = Pattern.compile("(.+):(\\d{1,5})");
    private static final Pattern BRACKETED_WITH_PORT = Pattern.compile("\\[(.+)]:(\\d{1,5})");

    /** One entry: a name, a {@code *.domain} suffix or an address block, on any port or one port. */
    private record Entry(String text, Optional<String> name, Optional<String> suffix, Optional<AddressBlock> block,
            int port) {
        boolean matchesPort(int wanted, boolean unknownMatches) {
            return port == ANY_PORT || (wanted == UNKNOWN_PORT ? unknownMatches : wanted == port);
        }
    }

    private final List<Entry> entries;

    private HostEntries(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The entries of config key {@code key}.
     *
     * @throws IllegalArgumentException naming the key when an entry is neither a host name,
     *     {@code *.domain}, a plainly written IP address nor a CIDR block
     */
    static HostEntries parse(String key, List<String> texts) {
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
            String normal = HostRules.normalise(host);
            if (normal.indexOf('/') >= 0 || IpLiteral.canonical(normal).isPresent()) {
                try {
                    entries.add(new Entry(text, Optional.empty(), Optional.empty(), Optional.of(AddressBlock.parse(normal)),
                            port));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(key + " holds an invalid entry: " + e.getMessage());
                }
            } else if (NAME.matcher(normal).matches() && !IpLiteral.endsInNumber(normal)) {
                boolean suffix = normal.startsWith("*.");
                entries.add(new Entry(text, suffix ? Optional.empty() : Optional.of(normal),
                        suffix ? Optional.of(normal.substring(1)) : Optional.empty(), Optional.empty(), port));
            } else {
                throw new IllegalArgumentException(key + " holds an entry that is neither a host name, *.domain,"
                        + " an IP address (IPv4 as a dotted quad without leading zeros) nor a CIDR block (each optionally"
                        + " with :port): '" + text + "'");
            }
        }
        return new HostEntries(entries);
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
