package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The allow/deny decision as a pure function: host names and addresses go in, no DNS query and
 * no connection is made (addresses are built from literals).
 */
class HostRulesTest {
    private static final HostRules DEFAULTS = HostRules.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.0.1", "[fe80::1]", "fe80::abcd", "[::ffff:169.254.169.254]",
            "100.100.100.200", "[fd00:ec2::254]", "[::169.254.169.254]", "[64:ff9b::169.254.169.254]",
            "168.63.129.16", "[fd20:ce::254]", "169.254.170.2",
            "metadata.google.internal", "METADATA.google.internal.", "metadata.goog", "instance-data"})
    void linkLocalAndMetadataHostsAreRefusedByDefault(String host) {
        assertThat(DEFAULTS.refusal(host, 80)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("refused unless allowLinkLocal is set or allowedHosts lists it"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.255.254", "[::1]", "0.0.0.0", "[::]", "10.0.0.1", "172.16.0.1",
            "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.255", "[fc00::1]", "[fd12:3456::1]", "[fec0::1]",
            "224.0.0.1", "255.255.255.255", "[ff02::1]", "240.0.0.1", "192.0.2.1", "198.18.0.1", "[2001:db8::1]",
            "[64:ff9b:1::a00:1]", "[2001::1]",
            "[::ffff:127.0.0.1]", "[::127.0.0.1]", "[::ffff:0:10.0.0.1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::1]",
            "[2002:c0a8:101::]", "2130706433", "0x7f000001", "0177.0.0.1", "017700000001", "127.1", "0x7f.1", "127.0.0.1.",
            "0", "0x0", "10.0.0.1.", "012.1", "0300.0250.1.1"})
    void loopbackPrivateAndOtherNonPublicHostsAreRefusedByDefault(String host) {
        assertThat(DEFAULTS.refusal(host, 80)).hasValueSatisfying(reason -> assertThat(reason)
                .endsWith("refused unless allowedHosts lists it (the address or a CIDR block holding it)")
                .doesNotContain("allowLinkLocal")
                .satisfiesAnyOf(text -> assertThat(text).contains(" is a loopback "),
                        text -> assertThat(text).doesNotContain("loopback")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST.", "api.localhost", "ip6-localhost", "localhost.localdomain"})
    void loopbackNamesAreRefusedByDefaultBeforeResolving(String host) {
        assertThat(DEFAULTS.refusal(host, 80)).hasValueSatisfying(reason -> assertThat(reason)
                .endsWith("is a loopback name, refused unless allowedHosts lists it (the name, and its addresses or a CIDR"
                        + " block holding them)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"images.example.com", "8.8.8.8", "1.1.1.1", "169.253.255.255", "169.255.0.0", "172.15.255.255",
            "172.32.0.0", "100.63.255.255", "100.128.0.0", "[2606:4700:4700::1111]", "[2a00:1450:4001:81b::200e]",
            "[64:ff9b::808:808]", "[2002:808:808::1]", "[::ffff:8.8.8.8]", "134744072", "0x8080808", "010.010.010.010",
            "images.example.com.", "xn--bcher-kva.example", "under_score.example.com", "123.example.com"})
    void publicHostsAreAllowedByDefault(String host) {
        assertThat(DEFAULTS.refusal(host, 80)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3.4.5", "example.0x10", "0x100000000", "1.2.3.0400", "08.1.1.1",
            "0xg.1.1.1", "a..b", "exa mple.com", "*.example.com", "[fe80::1%25eth0]", "fe80::1%eth0", "4294967296"})
    void aHostThatIsNeitherANameNorAnAddressIsRefused(String host) {
        assertThat(DEFAULTS.refusal(host, 80)).hasValueSatisfying(reason -> assertThat(reason)
                .endsWith("is neither a host name nor an IP address"));
    }

    @Test
    void theRefusalNamesHostAddressRangeAndTheKeyThatOpensIt() throws UnknownHostException {
        assertThat(DEFAULTS.refusal("127.0.0.1", 8080)).contains("host '127.0.0.1:8080' (127.0.0.1) is a loopback address"
                + " (127.0.0.0/8), refused unless allowedHosts lists it (the address or a CIDR block holding it)");
        assertThat(DEFAULTS.refusal("0x7f.1", 80)).contains("host '0x7f.1:80' (127.0.0.1) is a loopback address"
                + " (127.0.0.0/8), refused unless allowedHosts lists it (the address or a CIDR block holding it)");
        assertThat(DEFAULTS.refusal("[::ffff:0:a00:1]", 443)).contains("host '[::ffff:0:a00:1]:443' (0:0:0:0:ffff:0:a00:1,"
                + " an IPv6 form of 10.0.0.1) is a private address (10.0.0.0/8), refused unless allowedHosts lists it"
                + " (the address or a CIDR block holding it)");
        assertThat(DEFAULTS.refusal("100.100.100.200", 80)).contains("host '100.100.100.200:80' (100.100.100.200) is a"
                + " cloud-metadata address (100.100.100.200/32), refused unless allowLinkLocal is set or allowedHosts lists"
                + " it (the address or a CIDR block holding it)");
        assertThat(DEFAULTS.refusal("localhost", 80)).contains("host 'localhost:80' is a loopback name, refused unless"
                + " allowedHosts lists it (the name, and its addresses or a CIDR block holding them)");
        assertThat(DEFAULTS.refusal("metadata.google.internal", 80)).contains("host 'metadata.google.internal:80' is a"
                + " cloud-metadata name, refused unless allowLinkLocal is set or allowedHosts lists it");
    }

    @Test
    void aNameResolvingToANonPublicAddressIsRefused() throws UnknownHostException {
        assertThat(DEFAULTS.refusal("images.example.com", 80, List.of(address("93.184.215.14")))).isEmpty();
        assertThat(DEFAULTS.refusal("images.example.com", 80, List.of(address("93.184.215.14"), address("169.254.169.254"))))
                .contains("host 'images.example.com:80' (169.254.169.254) is a cloud-metadata address (169.254.169.254/32),"
                        + " refused unless allowLinkLocal is set or allowedHosts lists it (the address or a CIDR block"
                        + " holding it)");
        assertThat(DEFAULTS.refusal("rebound.example.com", 80, List.of(address("10.0.0.5"))))
                .contains("host 'rebound.example.com:80' (10.0.0.5) is a private address (10.0.0.0/8), refused unless"
                        + " allowedHosts lists it (the address or a CIDR block holding it)");
        assertThat(DEFAULTS.refusal("rebound.example.com", 80, List.of(address("fe80::1")))).isPresent();
        assertThat(DEFAULTS.refusal("rebound.example.com", 80, List.of(address("::1")))).isPresent();
        assertThat(DEFAULTS.refusal("some.example.com", 80, List.of())).contains("host 'some.example.com:80' has no address");
    }

    @Test
    void allowLinkLocalLiftsTheDefaultDenialOfLinkLocalAndMetadataOnly() throws UnknownHostException {
        HostRules rules = HostRules.of(List.of(), List.of(), true);

        assertThat(rules.refusal("169.254.169.254", 80)).isEmpty();
        assertThat(rules.refusal("[fe80::1]", 80)).isEmpty();
        assertThat(rules.refusal("metadata.google.internal", 80)).isEmpty();
        assertThat(rules.refusal("x.example.com", 80, List.of(address("169.254.1.1")))).isEmpty();
        assertThat(rules.refusal("127.0.0.1", 80)).isPresent();
        assertThat(rules.refusal("10.0.0.1", 80)).isPresent();
        assertThat(rules.refusal("localhost", 80)).isPresent();
    }

    @Test
    void anAllowedAddressEntryLiftsTheDefaultDenialForThatAddressOnly() throws UnknownHostException {
        HostRules rules = HostRules.of(List.of("169.254.10.0/24", "10.1.0.0/16", "127.0.0.1:8080", "::1",
                "images.example.com"), List.of(), false);

        assertThat(rules.refusal("169.254.10.7", 80)).isEmpty();
        assertThat(rules.refusal("169.254.169.254", 80)).isPresent();
        assertThat(rules.refusal("10.1.2.3", 80)).isEmpty();
        assertThat(rules.refusal("10.2.0.1", 80)).isPresent();
        assertThat(rules.refusal("127.0.0.1", 8080)).isEmpty();
        assertThat(rules.refusal("2130706433", 8080)).isEmpty();
        assertThat(rules.refusal("127.0.0.1", 8081)).isPresent();
        assertThat(rules.refusal("[::1]", 80)).isEmpty();
        // a name entry never lets a rebinding DNS answer reach a non-public address
        assertThat(rules.refusal("images.example.com", 80, List.of(address("169.254.169.254")))).isPresent();
        assertThat(rules.refusal("images.example.com", 80, List.of(address("192.168.0.7")))).isPresent();
        assertThat(rules.refusal("images.example.com", 80, List.of(address("10.1.0.7")))).isEmpty();
        assertThat(rules.refusal("images.example.com", 80, List.of(address("93.184.215.14")))).isEmpty();
    }

    @Test
    void aLoopbackNameIsOpenedByItsNameAndItsAddresses() throws UnknownHostException {
        HostRules nameOnly = HostRules.of(List.of("localhost"), List.of(), false);
        HostRules nameAndAddresses = HostRules.of(List.of("localhost", "127.0.0.0/8", "::1"), List.of(), false);

        assertThat(nameOnly.refusal("localhost", 80)).isEmpty();
        assertThat(nameOnly.refusal("localhost", 80, List.of(address("127.0.0.1")))).isPresent();
        assertThat(nameAndAddresses.refusal("localhost", 80, List.of(address("127.0.0.1"), address("::1")))).isEmpty();
    }

    @Test
    void allowedHostsRefuseEverythingElse() throws UnknownHostException {
        HostRules rules = HostRules.of(List.of("images.example.com", "*.cdn.example.com", "10.1.0.0/16"), List.of(), false);

        assertThat(rules.refusal("images.example.com", 80)).isEmpty();
        assertThat(rules.refusal("IMAGES.example.com.", 80)).isEmpty();
        assertThat(rules.refusal("eu.cdn.example.com", 80)).isEmpty();
        assertThat(rules.refusal("a.b.cdn.example.com", 80)).isEmpty();
        assertThat(rules.refusal("10.1.2.3", 80)).isEmpty();
        assertThat(rules.refusal("8.8.8.8", 80)).contains("host '8.8.8.8:80' (8.8.8.8) is not in allowedHosts");
        assertThat(rules.refusal("cdn.example.com", 80, List.of(address("93.184.215.14"))))
                .contains("host 'cdn.example.com:80' is not in allowedHosts");
        assertThat(rules.refusal("evil.example.net", 80, List.of(address("93.184.215.14")))).isPresent();
        // a name must match a name entry: decided from the URL alone, whatever it resolves to
        assertThat(rules.refusal("internal.example.net", 80)).contains("host 'internal.example.net:80' is not in allowedHosts");
        assertThat(rules.refusal("internal.example.net", 80, List.of(address("10.1.9.9")))).isPresent();
    }

    @Test
    void withOnlyNameEntriesAnotherNameIsRefusedBeforeResolving() {
        HostRules rules = HostRules.of(List.of("images.example.com"), List.of(), false);

        assertThat(rules.refusal("other.example.com", 80)).contains("host 'other.example.com:80' is not in allowedHosts");
    }

    @Test
    void deniedHostsWinOverAllowedHosts() throws UnknownHostException {
        HostRules rules = HostRules.of(List.of("*.example.com", "10.0.0.0/8"), List.of("secret.example.com", "10.9.0.0/16"),
                false);

        assertThat(rules.refusal("secret.example.com", 80)).contains("host 'secret.example.com:80' is denied by deniedHosts entry"
                + " 'secret.example.com'");
        assertThat(rules.refusal("10.9.1.1", 80)).isPresent();
        assertThat(rules.refusal("open.example.com", 80, List.of(address("10.9.3.3"))))
                .contains("host 'open.example.com:80' (10.9.3.3) is denied by deniedHosts entry '10.9.0.0/16'");
        assertThat(rules.refusal("open.example.com", 80, List.of(address("10.8.3.3")))).isEmpty();
        assertThat(HostRules.of(List.of(), List.of("8.8.8.8"), false).refusal("[64:ff9b::808:808]", 80))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is denied by deniedHosts entry '8.8.8.8'"));
        assertThat(HostRules.of(List.of(), List.of("[::1]"), false).refusal("[::1]", 80)).isPresent();
        assertThat(HostRules.of(List.of(), List.of("127.0.0.0/8"), false).refusal("127.0.0.2", 80)).isPresent();
    }

    @Test
    void entriesWithAPortMatchThatPortOnly() throws UnknownHostException {
        HostRules rules = HostRules.of(List.of("127.0.0.1:8080", "[::1]:9000", "images.example.com:443"),
                List.of("10.0.0.0/8:22"), false);

        assertThat(rules.refusal("127.0.0.1", 8080)).isEmpty();
        assertThat(rules.refusal("127.0.0.1", 8081)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("host '127.0.0.1:8081' (127.0.0.1) is a loopback address"));
        assertThat(HostRules.of(List.of("8.8.8.8:443"), List.of(), false).refusal("8.8.8.8", 80))
                .contains("host '8.8.8.8:80' (8.8.8.8) is not in allowedHosts");
        assertThat(rules.refusal("[::1]", 9000)).isEmpty();
        assertThat(rules.refusal("::1", 9001)).isPresent();
        assertThat(rules.refusal("images.example.com", 443)).isEmpty();
        assertThat(rules.refusal("images.example.com", 80)).contains("host 'images.example.com:80' is not in allowedHosts");
        assertThat(HostRules.of(List.of(), List.of("8.8.0.0/16:22"), false).refusal("8.8.1.1", 22)).isPresent();
        assertThat(HostRules.of(List.of(), List.of("8.8.0.0/16:22"), false).refusal("8.8.1.1", 80)).isEmpty();
    }

    @Test
    void anUnknownPortFailsClosed() throws UnknownHostException {
        HostRules allowing = HostRules.of(List.of("127.0.0.1:8080"), List.of(), false);
        HostRules denying = HostRules.of(List.of(), List.of("127.0.0.1:8080"), false);

        assertThat(allowing.refusal("127.0.0.1", HostRules.UNKNOWN_PORT, List.of(address("127.0.0.1")))).isPresent();
        assertThat(denying.refusal("127.0.0.1", HostRules.UNKNOWN_PORT, List.of(address("127.0.0.1")))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa mple.com", "10.0.0.0/33", "fe80::/129", "http://x", "*", "a/b/c", "user@host", "host:0",
            "host:70000", "[::1]:x", "010.0.0.1", "2130706433", "0x7f.1", "127.1", "999.1.1.1", "10.0.0.01/8"})
    void invalidEntriesAreConfigurationErrorsNamingTheKey(String entry) {
        assertThatThrownBy(() -> HostRules.of(List.of(entry), List.of(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("allowedHosts holds");
        assertThatThrownBy(() -> HostRules.of(List.of(), List.of(entry), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("deniedHosts holds");
    }

    private static InetAddress address(String literal) throws UnknownHostException {
        return IpLiteral.parse(literal).orElseThrow(() -> new UnknownHostException("not a literal: " + literal));
    }
}
