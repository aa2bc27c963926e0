package io.stowage.http;

import static java.util.Objects.requireNonNull;

import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoreException;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * A read-only store over HTTP(S): any {@code http} or {@code https} URL the host rules allow
 * is one of its locations. {@code add} and {@code delete} are not supported.
 */
final class HttpStore implements Store {
    static final Set<String> SCHEMES = Set.of("http", "https");
    private static final Set<Capability> CAPABILITIES = Set.of(Capability.READ, Capability.RANGE_READ);

    private final String name;
    private final HttpObjectReader reader;
    private volatile boolean closed;

    HttpStore(String name, HttpStoreConfig config) throws StoreException {
        this(name, config, SystemDefaultDnsResolver.INSTANCE);
    }

    /**
     * @param names the resolver asked for host names (the system's, but for tests); the host
     *     rules are applied to its answers
     */
    HttpStore(String name, HttpStoreConfig config, DnsResolver names) throws StoreException {
        this.name = requireNonNull(name, "name is null");
        this.reader = new HttpObjectReader(requireNonNull(config, "config is null"), names, "store '" + name + "'");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> schemes() {
        return SCHEMES;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public boolean owns(Location location) {
        return SCHEMES.contains(location.scheme()) && location.uri().getHost() != null
                && reader.rules().refusal(location.uri().getHost(), HttpExchanges.port(location.uri())).isEmpty();
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        requireNonNull(range, "range is null");
        requireServed(location);
        return reader.read(location, range);
    }

    @Override
    public long size(Location location) throws IOException {
        requireServed(location);
        return reader.size(location);
    }

    /** Connections held by streams that are open (for tests: none once every stream is closed). */
    int leasedConnections() {
        return reader.leasedConnections();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            reader.close();
        }
    }

    private void requireServed(Location location) throws StoreException {
        requireNonNull(location, "location is null");
        if (closed) {
            throw new StoreException("Store '" + name + "' is closed");
        }
        requireAllowed(reader.rules(), location, "store '" + name + "'");
    }

    /**
     * Refuses a location that an HTTP store or handler with these rules may not read, before
     * anything is sent: another scheme or no host ({@link InvalidLocationException}), or a host
     * the rules refuse ({@link HostRefusedException}).
     *
     * @param refuser who refuses, for the message
     */
    static void requireAllowed(HostRules rules, Location location, String refuser) throws InvalidLocationException {
        String refused = "Location " + location + " is refused by " + refuser + ": ";
        if (!SCHEMES.contains(location.scheme())) {
            throw new InvalidLocationException(refused + "scheme '" + location.scheme() + "' is not http or https");
        }
        String host = location.uri().getHost();
        if (host == null) {
            throw new InvalidLocationException(refused + "no valid host");
        }
        Optional<String> refusal = rules.refusal(host, HttpExchanges.port(location.uri()));
        if (refusal.isPresent()) {
            throw new HostRefusedException(refused + refusal.get(), HostRules.normalise(host));
        }
    }
}
