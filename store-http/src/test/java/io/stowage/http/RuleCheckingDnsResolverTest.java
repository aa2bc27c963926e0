package io.stowage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules applied to the addresses the client connects to, with scripted resolver answers: no
 * DNS query and no connection is made.
 */
class RuleCheckingDnsResolverTest {
    private final ScriptedDnsResolver names = new ScriptedDnsResolver();
    private final RuleCheckingDnsResolver resolver = new RuleCheckingDnsResolver(HostRules.defaults(), names);

    @Test
    void anAnswerWithANonPublicAddressIsRefusedWhole() {
        names.answer("images.example.com", "93.184.215.14", "10.0.0.7");

        assertThatThrownBy(() -> resolver.resolve("images.example.com", 443)).isInstanceOf(ResolverRefusalException.class)
                .hasMessage("host 'images.example.com:443' (10.0.0.7) is a private address (10.0.0.0/8), refused unless"
                        + " allowedHosts lists it (the address or a CIDR block holding it)");
    }

    @Test
    void everyAnswerIsCheckedSoARebindingNameIsRefusedOnTheNextConnect() throws Exception {
        names.answer("rebinding.example.com", "93.184.215.14").answer("rebinding.example.com", "127.0.0.1");

        assertThat(resolver.resolve("rebinding.example.com", 80))
                .containsExactly(new InetSocketAddress(InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 215, 14}), 80));
        assertThatThrownBy(() -> resolver.resolve("rebinding.example.com", 80)).isInstanceOf(ResolverRefusalException.class)
                .hasMessageContaining("(127.0.0.1) is a loopback address");
        assertThatThrownBy(() -> resolver.resolve("rebinding.example.com")).isInstanceOf(ResolverRefusalException.class)
                .hasMessageContaining("(127.0.0.1) is a loopback address");
    }

    @Test
    void literalsAreNeverGivenToTheNameResolverAndResolveToTheAddressTheRulesDecidedOn() throws Exception {
        RuleCheckingDnsResolver allowingLoopback = new RuleCheckingDnsResolver(
                HostRules.of(List.of("127.0.0.0/8"), List.of(), false), names);

        assertThat(allowingLoopback.resolve("0177.0.0.1", 8080))
                .containsExactly(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080));
        assertThat(allowingLoopback.resolve("2130706433", 8080))
                .containsExactly(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080));
        assertThatThrownBy(() -> resolver.resolve("0x7f.1", 80)).isInstanceOf(ResolverRefusalException.class)
                .hasMessageContaining("(127.0.0.1) is a loopback address");
        assertThatThrownBy(() -> resolver.resolve("1.2.3.4.5", 80)).isInstanceOf(ResolverRefusalException.class)
                .hasMessage("host '1.2.3.4.5' is neither a host name nor an IP address");
        assertThat(names.questions()).isEmpty();
    }

    @Test
    void aNameRefusedByItsNameIsNeverResolved() {
        assertThatThrownBy(() -> resolver.resolve("localhost", 80)).isInstanceOf(ResolverRefusalException.class)
                .hasMessageContaining("is a loopback name");
        assertThatThrownBy(() -> resolver.resolve("metadata.google.internal", 80)).isInstanceOf(ResolverRefusalException.class)
                .hasMessageContaining("is a cloud-metadata name");
        assertThat(names.questions()).isEmpty();
    }

    @Test
    void publicAnswersAreReturnedAsResolved() throws Exception {
        names.answer("images.example.com", "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c");

        assertThat(resolver.resolve("images.example.com", 443)).extracting(InetSocketAddress::getPort).containsExactly(443, 443);
        assertThat(names.questions()).containsExactly("images.example.com");
    }
}
