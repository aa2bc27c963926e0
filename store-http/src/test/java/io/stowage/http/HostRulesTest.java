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
            "metadata.google.internal", "METADATA.google.internal.", "metadata.goog", "instance-data"})
    void linkLocalAndMetadataHostsAreRefusedByDefault(String host) {
        assertThat(DEFAULTS.refusal(host, 80)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "[::1]", "images.example.com", "10.0.0.1", "169.253.255.255", "169.255.0.0",
            "[fec0::1]", "2001:db8::1"})
    void otherHostsAreAllowedByDefault(String host) {
        assertThat(DEFAULTS.refusal(host, 80)).isEmpty();
    }

    @Test
    void aNameResolvingToALinkLocalAddressIsRefused() throws UnknownHostException {
        assertThat(DEFAULTS.refusal("images.example.com", 80, List.of(address("10.0.0.5")))).isEmpty();
        assertThat(DEFAULTS.refusal("images.example.com", 80, List.of(address("10.0.0.5"), address("169.254.169.254"))))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .isEqualTo("host 'images.example.com' (169.254.169.254) is a link-local or cloud-metadata address,"
                                + " refused unless allowLinkLocal is set or allowedHosts lists the address"));
        assertThat(DEFAULTS.refusal("rebound.example.com", 80, List.of(address("fe80::1")))).isPresent();
        assertThat(DEFAULTS.refusal("some.example.com", 80, List.of())).contains("host 'some.example.com' has no address");
    }

    @Test
    void allowLinkLocalLiftsTheDefaultDenial() throws UnknownHostException {
        HostRules rules = HostRules.of(List.of(), List.of(), true);

        assertThat(rules.refusal("169.254.169.254", 80)).isEmpty();
        assertThat(rules.refusal("metadata.google.internal", 80)).isEmpty();
        assertThat(rules.refusal("x.example.com", 80, List.of(address("169.254.1.1")))).isEmpty();
    }

    @Test
    void anAllowedAddressEntryLiftsTheDefaultDenialForThatAddressOnly() throws UnknownHostException {
        HostRules rules = HostRules.of(List.of("169.254.10.0/24", "images.example.com"), List.of(), false);

        assertThat(rules.refusal("169.254.10.7", 80)).isEmpty();
        assertThat(rules.refusal("169.254.169.254", 80)).isPresent();
        // a name entry never lets a rebinding DNS answer reach a link-local address
        assertThat(rules.refusal("images.example.com", 80, List.of(address("169.254.169.254")))).isPresent();
        assertThat(rules.refusal("images.example.com", 80, List.of(address("203.0.113.9")))).isEmpty();
    }

    @Test
    void allowedHostsRefuseEverythingElse() throws UnknownHostException {
        HostRules rules = HostRules.of(List.of("images.example.com", "*.cdn.example.com", "10.1.0.0/16"), List.of(), false);

        assertThat(rules.refusal("images.example.com", 80)).isEmpty();
        assertThat(rules.refusal("IMAGES.example.com.", 80)).isEmpty();
        assertThat(rules.refusal("eu.cdn.example.com", 80)).isEmpty();
        assertThat(rules.refusal("a.b.cdn.example.com", 80)).isEmpty();
        assertThat(rules.refusal("10.1.2.3", 80)).isEmpty();
        assertThat(rules.refusal("10.2.0.1", 80)).contains("host '10.2.0.1:80' (10.2.0.1) is not in allowedHosts");
        assertThat(rules.refusal("cdn.example.com", 80, List.of(address("203.0.113.9"))))
                .contains("host 'cdn.example.com:80' is not in allowedHosts");
        assertThat(rules.refusal("evil.example.net", 80, List.of(address("203.0.113.9")))).isPresent();
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
        assertThat(HostRules.of(List.of(), List.of("[::1]"), false).refusal("[::1]", 80)).isPresent();
        assertThat(HostRules.of(List.of(), List.of("127.0.0.0/8"), false).refusal("127.0.0.2", 80)).isPresent();
    }

    @Test
    void entriesWithAPortMatchThatPortOnly() throws UnknownHostException {
        HostRules rules = HostRules.of(List.of("127.0.0.1:8080", "[::1]:9000", "images.example.com:443"),
                List.of("10.0.0.0/8:22"), false);

        assertThat(rules.refusal("127.0.0.1", 8080)).isEmpty();
        assertThat(rules.refusal("127.0.0.1", 8081)).contains("host '127.0.0.1:8081' (127.0.0.1) is not in allowedHosts");
        assertThat(rules.refusal("[::1]", 9000)).isEmpty();
        assertThat(rules.refusal("::1", 9001)).isPresent();
        assertThat(rules.refusal("images.example.com", 443)).isEmpty();
        assertThat(rules.refusal("images.example.com", 80)).contains("host 'images.example.com:80' is not in allowedHosts");
        assertThat(HostRules.of(List.of(), List.of("10.0.0.0/8:22"), false).refusal("10.1.1.1", 22)).isPresent();
        assertThat(HostRules.of(List.of(), List.of("10.0.0.0/8:22"), false).refusal("10.1.1.1", 80)).isEmpty();
    }

    @Test
    void anUnknownPortFailsClosed() throws UnknownHostException {
        HostRules allowing = HostRules.of(List.of("127.0.0.1:8080"), List.of(), false);
        HostRules denying = HostRules.of(List.of(), List.of("127.0.0.1:8080"), false);

        assertThat(allowing.refusal("127.0.0.1", HostRules.UNKNOWN_PORT, List.of(address("127.0.0.1")))).isPresent();
        assertThat(denying.refusal("127.0.0.1", HostRules.UNKNOWN_PORT, List.of(address("127.0.0.1")))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa mple.com", "10.0.0.0/33", "fe80::/129", "http://x", "*", "a/b/c", "user@host", "host:0", "host:70000", "[::1]:x"})
    void invalidEntriesAreConfigurationErrorsNamingTheKey(String entry) {
        assertThatThrownBy(() -> HostRules.of(List.of(entry), List.of(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("allowedHosts holds");
        assertThatThrownBy(() -> HostRules.of(List.of(), List.of(entry), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("deniedHosts holds");
    }

    private static InetAddress address(String literal) throws UnknownHostException {
        return AddressBlock.literal(literal).orElseThrow(() -> new UnknownHostException("not a literal: " + literal));
    }
}
