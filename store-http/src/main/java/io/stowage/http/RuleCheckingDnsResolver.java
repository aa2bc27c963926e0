package io.stowage.http;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves a host for the HTTP client and applies the host rules to the very addresses the
 * client will connect to. Checking here, not only before the request, closes the gap a DNS
 * answer that changes between the check and the connect (rebinding) would leave. An IP literal
 * (in any spelling {@link IpLiteral} reads) is never given to the name resolver: the address
 * the rules decided on is the address connected to.
 */
final class RuleCheckingDnsResolver implements DnsResolver {
    private final HostRules rules;
    private final DnsResolver names;

    /**
     * @param names the resolver asked for host names (the system's in production)
     */
    RuleCheckingDnsResolver(HostRules rules, DnsResolver names) {
        this.rules = requireNonNull(rules, "rules is null");
        this.names = requireNonNull(names, "names is null");
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
        Optional<String> beforeResolving = rules.refusal(host, port);
        if (beforeResolving.isPresent()) {
            throw new ResolverRefusalException(beforeResolving.get());
        }
        Optional<InetAddress> literal = IpLiteral.parse(HostRules.normalise(host));
        if (literal.isPresent()) {
            return new InetAddress[] {literal.get()};
        }
        InetAddress[] addresses = names.resolve(host);
        Optional<String> refusal = rules.refusal(host, port, Arrays.asList(addresses));
        if (refusal.isPresent()) {
            throw new ResolverRefusalException(refusal.get());
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return names.resolveCanonicalHostname(host);
    }
}
