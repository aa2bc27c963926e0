package io.stowage.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.DnsResolver;

/**
 * A name resolver with scripted answers, for the tests of the rules applied to resolved
 * addresses: each name answers its scripted address lists in turn (the last one again once
 * they run out), an unscripted name is unknown. It never asks real DNS; every question is recorded.
 */
final class ScriptedDnsResolver implements DnsResolver {
    private final Map<String, Deque<List<InetAddress>>> answers = new ConcurrentHashMap<>();
    private final List<String> questions = new CopyOnWriteArrayList<>();

    /** Scripts the next answer for {@code name}: these address literals. */
    ScriptedDnsResolver answer(String name, String... literals) {
        List<InetAddress> addresses = java.util.Arrays.stream(literals)
                .map(literal -> IpLiteral.parse(literal).orElseThrow(() -> new IllegalArgumentException(literal)))
                .toList();
        answers.computeIfAbsent(name, key -> new ArrayDeque<>()).addLast(addresses);
        return this;
    }

    /** The names asked for, in order. */
    List<String> questions() {
        return List.copyOf(questions);
    }

    @Override
    public synchronized InetAddress[] resolve(String host) throws UnknownHostException {
        questions.add(host);
        Deque<List<InetAddress>> scripted = answers.get(host);
        if (scripted == null || scripted.isEmpty()) {
            throw new UnknownHostException(host + " is not scripted");
        }
        List<InetAddress> next = scripted.size() > 1 ? scripted.removeFirst() : scripted.getFirst();
        return next.toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
