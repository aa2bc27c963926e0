package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The default host decision over address literals and resolver answers, as a pure function (no
 * DNS query, no connection). The oracle is the JDK's own address predicates plus the ranges the
 * JDK does not know (carrier-grade NAT, unique-local IPv6, "this network"), written here from
 * the RFCs, not from the implementation's table.
 */
class HostRulesPropertiesTest {
    private static final HostRules DEFAULTS = HostRules.defaults();

    @Property(tries = 2000)
    void everyNonPublicIpv4AddressIsRefusedByDefault(@ForAll("ipv4") int bits) throws UnknownHostException {
        InetAddress address = ipv4(bits);
        String literal = address.getHostAddress();

        if (isNonPublic(address)) {
            assertThat(DEFAULTS.refusal(literal, 80)).as("refusal of %s", literal)
                    .hasValueSatisfying(reason -> assertThat(reason).contains(literal).contains("allowedHosts"));
        }
    }

    @Property(tries = 1000)
    void everyNonPublicIpv6AddressIsRefusedByDefault(@ForAll("ipv6") byte[] bytes) throws UnknownHostException {
        InetAddress address = InetAddress.getByAddress(bytes);
        String literal = "[" + address.getHostAddress() + "]";

        if (isNonPublic(address)) {
            assertThat(DEFAULTS.refusal(literal, 443)).as("refusal of %s", literal)
                    .hasValueSatisfying(reason -> assertThat(reason).contains("allowedHosts"));
        }
    }

    @Property(tries = 1000)
    void publicAddressesAreAllowedByDefault(@ForAll("publicAddresses") InetAddress address) {
        String host = address instanceof Inet4Address ? address.getHostAddress() : "[" + address.getHostAddress() + "]";

        assertThat(DEFAULTS.refusal(host, 80)).as("refusal of %s", host).isEmpty();
        assertThat(DEFAULTS.refusal("images.example.com", 80, List.of(address))).isEmpty();
        assertThat(HostRules.of(List.of("images.example.com"), List.of(), false)
                .refusal("images.example.com", 80, List.of(address))).isEmpty();
    }

    @Property(tries = 2000)
    void everySpellingOfAnIpv4AddressIsDecidedAsTheAddress(@ForAll("ipv4") int bits, @ForAll("spellings") Spelling spelling)
            throws UnknownHostException {
        InetAddress address = ipv4(bits);
        String spelled = spelling.spell(bits);

        assertThat(DEFAULTS.refusal(spelled, 80).isPresent()).as("refusal of %s (%s)", spelled, address.getHostAddress())
                .isEqualTo(DEFAULTS.refusal(address.getHostAddress(), 80).isPresent());
        if (isNonPublic(address)) {
            assertThat(DEFAULTS.refusal(spelled, 80)).as("refusal of %s (%s)", spelled, address.getHostAddress())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("(" + address.getHostAddress() + ")"));
        }
    }

    @Property(tries = 1000)
    void ipv6FormsOfNonPublicIpv4AddressesAreRefused(@ForAll("ipv4") int bits, @ForAll @IntRange(min = 0, max = 4) int form,
            @ForAll("ipv6") byte[] filler) throws UnknownHostException {
        InetAddress embedded = ipv4(bits);
        byte[] v4 = embedded.getAddress();
        byte[] v6 = new byte[16];
        switch (form) {
            case 0 -> { // IPv4-mapped ::ffff:a.b.c.d (the JDK turns it into the IPv4 address)
                v6[10] = (byte) 0xff;
                v6[11] = (byte) 0xff;
                System.arraycopy(v4, 0, v6, 12, 4);
            }
            case 1 -> System.arraycopy(v4, 0, v6, 12, 4); // IPv4-compatible ::a.b.c.d
            case 2 -> { // IPv4-translated (SIIT) ::ffff:0:a.b.c.d
                v6[8] = (byte) 0xff;
                v6[9] = (byte) 0xff;
                System.arraycopy(v4, 0, v6, 12, 4);
            }
            case 3 -> { // NAT64 well-known prefix 64:ff9b::/96
                v6[1] = 0x64;
                v6[2] = (byte) 0xff;
                v6[3] = (byte) 0x9b;
                System.arraycopy(v4, 0, v6, 12, 4);
            }
            default -> { // 6to4 2002:AABB:CCDD::/48, any subnet and interface
                System.arraycopy(filler, 0, v6, 0, 16);
                v6[0] = 0x20;
                v6[1] = 0x02;
                System.arraycopy(v4, 0, v6, 2, 4);
            }
        }
        // the JDK turns a mapped address into the IPv4 one, so that form is written out by hand
        String literal = form == 0 ? "[::ffff:" + embedded.getHostAddress() + "]"
                : "[" + InetAddress.getByAddress(v6).getHostAddress() + "]";
        boolean compatibleFormOfZeroOrOne = form == 1 && (bits == 0 || bits == 1); // :: and ::1 themselves

        if (isNonPublic(embedded) && !compatibleFormOfZeroOrOne) {
            assertThat(DEFAULTS.refusal(literal, 80)).as("refusal of %s (a form of %s)", literal, embedded.getHostAddress())
                    .hasValueSatisfying(reason -> assertThat(reason).contains(embedded.getHostAddress()));
        }
    }

    @Property(tries = 1000)
    void aNameIsRefusedWhenAnyAddressItResolvesToIs(@ForAll("publicAddressLists") List<InetAddress> answers,
            @ForAll("ipv4") int bits, @ForAll @IntRange(min = 0, max = 8) int position) throws UnknownHostException {
        InetAddress added = ipv4(bits);
        List<InetAddress> withAdded = new ArrayList<>(answers);
        withAdded.add(Math.min(position, answers.size()), added);

        assertThat(DEFAULTS.refusal("images.example.com", 443, answers)).isEmpty();
        if (isNonPublic(added)) {
            assertThat(DEFAULTS.refusal("images.example.com", 443, withAdded)).as("answers %s", withAdded)
                    .hasValueSatisfying(reason -> assertThat(reason).contains("(" + added.getHostAddress() + ")"));
        }
    }

    @Property(tries = 1000)
    void anAllowedBlockOpensItsNonPublicAddressesAndANameEntryDoesNot(@ForAll("ipv4") int bits,
            @ForAll @IntRange(min = 8, max = 32) int prefix) throws UnknownHostException {
        InetAddress address = ipv4(bits);
        InetAddress network = ipv4(prefix == 32 ? bits : bits & (-1 << (32 - prefix)));
        HostRules byBlock = HostRules.of(List.of(network.getHostAddress() + "/" + prefix), List.of(), true);
        HostRules byName = HostRules.of(List.of("mirror.example.com"), List.of(), true);

        assertThat(byBlock.refusal(address.getHostAddress(), 80)).as("%s in allowed %s/%d", address, network, prefix).isEmpty();
        if (isNonPublic(address) && !isLinkLocalOrMetadata(address)) {
            assertThat(byName.refusal("mirror.example.com", 80, List.of(address)))
                    .as("mirror.example.com resolving to %s", address.getHostAddress())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("allowedHosts"));
        }
    }

    // ---------------------------------------------------------------- the oracle

    /** Not a globally reachable unicast address, by the JDK's predicates and the RFCs it does not cover. */
    private static boolean isNonPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network", RFC 1122
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT, RFC 6598
                    || first >= 240; // reserved and broadcast, RFC 1112
        }
        return (b[0] & 0xfe) == 0xfc; // unique-local, RFC 4193
    }

    private static boolean isLinkLocalOrMetadata(InetAddress address) {
        return address.isLinkLocalAddress() || address.getHostAddress().equals("100.100.100.200");
    }

    // ---------------------------------------------------------------- generators

    /** IPv4 addresses, most of them in or next to the ranges that matter. */
    @Provide
    Arbitrary<Integer> ipv4() {
        return Arbitraries.oneOf(
                Arbitraries.integers(),
                within("0.0.0.0", 8), within("10.0.0.0", 8), within("100.64.0.0", 10), within("100.0.0.0", 8),
                within("127.0.0.0", 8), within("169.254.0.0", 16), within("172.16.0.0", 12), within("172.0.0.0", 8),
                within("192.168.0.0", 16), within("224.0.0.0", 3), Arbitraries.of(0x7f000001, 0xa9fea9fe, 0xffffffff, 0));
    }

    /** IPv6 addresses, most of them in or next to the ranges that matter. */
    @Provide
    Arbitrary<byte[]> ipv6() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofSize(16);
        return Arbitraries.oneOf(random,
                random.map(b -> prefixed(b, 0xfc, 0xfe)), // fc00::/7
                random.map(b -> prefixed(b, 0xfe, 0xff)), // fe00::/8: link-local fe80::/10, site-local fec0::/10
                random.map(b -> prefixed(b, 0xff, 0xff)), // multicast
                Arbitraries.of(new byte[16], loopbackIpv6()));
    }

    @Provide
    Arbitrary<InetAddress> publicAddresses() {
        Arbitrary<InetAddress> v4 = Arbitraries.of("8.0.0.0", "1.0.0.0", "20.0.0.0", "142.250.0.0", "151.101.0.0")
                .flatMap(base -> within(base, base.startsWith("8.") || base.startsWith("1.") || base.startsWith("20.") ? 8 : 16))
                .map(HostRulesPropertiesTest::ipv4Quietly);
        Arbitrary<InetAddress> v6 = Combinators.combine(Arbitraries.of(0x2001_4860, 0x2606_4700, 0x2a00_1450, 0x2a03_2880),
                Arbitraries.bytes().array(byte[].class).ofSize(12)).as((prefix, rest) -> {
                    byte[] b = new byte[16];
                    b[0] = (byte) (prefix >>> 24);
                    b[1] = (byte) (prefix >>> 16);
                    b[2] = (byte) (prefix >>> 8);
                    b[3] = (byte) prefix.intValue();
                    System.arraycopy(rest, 0, b, 4, 12);
                    try {
                        return InetAddress.getByAddress(b);
                    } catch (UnknownHostException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return Arbitraries.oneOf(v4, v6);
    }

    @Provide
    Arbitrary<List<InetAddress>> publicAddressLists() {
        return publicAddresses().list().ofMinSize(1).ofMaxSize(8);
    }

    /** How to write an IPv4 address as URL hosts are read (WHATWG, inet_aton): 1 to 4 parts, each decimal, octal or hex. */
    record Spelling(int parts, List<Integer> radixes, int extraZeros, boolean upperCase, boolean trailingDot) {
        String spell(int bits) {
            long value = bits & 0xffffffffL;
            List<Long> numbers = new ArrayList<>();
            for (int i = 0; i < parts - 1; i++) {
                numbers.add((value >>> (24 - 8 * i)) & 0xff);
            }
            numbers.add(value & (0xffffffffL >>> (8 * (parts - 1))));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < numbers.size(); i++) {
                long number = numbers.get(i);
                String part = switch (radixes.get(i)) {
                    case 8 -> "0" + "0".repeat(extraZeros) + Long.toOctalString(number);
                    case 16 -> (upperCase ? "0X" : "0x") + "0".repeat(extraZeros)
                            + (upperCase ? Long.toHexString(number).toUpperCase(Locale.ROOT) : Long.toHexString(number));
                    default -> BigInteger.valueOf(number).toString();
                };
                text.append(i == 0 ? "" : ".").append(part);
            }
            return trailingDot ? text + "." : text.toString();
        }
    }

    @Provide
    Arbitrary<Spelling> spellings() {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.of(8, 10, 16).list().ofSize(4),
                Arbitraries.integers().between(0, 3), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(Spelling::new);
    }

    private static Arbitrary<Integer> within(String base, int prefix) {
        int network = ipv4Bits(base);
        int hostBits = 32 - prefix;
        return Arbitraries.integers().map(random -> network | (hostBits == 32 ? random : random & ((1 << hostBits) - 1)));
    }

    private static byte[] prefixed(byte[] random, int first, int mask) {
        byte[] b = random.clone();
        b[0] = (byte) ((first & mask) | (b[0] & ~mask & 0xff));
        return b;
    }

    private static byte[] loopbackIpv6() {
        byte[] b = new byte[16];
        b[15] = 1;
        return b;
    }

    private static int ipv4Bits(String dotted) {
        String[] parts = dotted.split("\\.");
        int bits = 0;
        for (String part : parts) {
            bits = (bits << 8) | Integer.parseInt(part);
        }
        return bits;
    }

    private static InetAddress ipv4(int bits) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
    }

    private static InetAddress ipv4Quietly(int bits) {
        try {
            return ipv4(bits);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
