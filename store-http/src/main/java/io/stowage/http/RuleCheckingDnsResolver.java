package io.stowage.http;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves with the system resolver, then applies the host rules to the very addresses the
 * client will connect to. Checking here, not only before the request, closes the gap a DNS
 * answer that changes between the check and the connect (rebinding) would leave.
 */
final class RuleCheckingDnsResolver implements DnsResolver {
    private final HostRules rules;

    RuleCheckingDnsResolver(HostRules rules) {
        this.rules = requireNonNull(rules, "rules is null");
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return resolveChecked(host, HostRules.UNKNOWN_PORT);
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolveChecked(host, port)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    private InetAddress[] resolveChecked(String host, int port) throws UnknownHostException {
        Optional<InetAddress> literal = AddressBlock.literal(HostRules.normalise(host));
        InetAddress[] addresses = literal.isPresent()
                ? new InetAddress[] {literal.get()}
                : SystemDefaultDnsResolver.INSTANCE.resolve(host);
        Optional<String> refusal = rules.refusal(host, port, Arrays.asList(addresses));
        if (refusal.isPresent()) {
            throw new HostRefusedException(refusal.get());
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
