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
        this.name = requireNonNull(name, "name is null");
        this.reader = new HttpObjectReader(requireNonNull(config, "config is null"), "store '" + name + "'");
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
        return refusal(reader.rules(), location).isEmpty();
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
        Optional<String> refusal = refusal(reader.rules(), location);
        if (refusal.isPresent()) {
            throw new InvalidLocationException("Location " + location + " is refused by store '" + name + "': "
                    + refusal.get());
        }
    }

    /** Why a location is not one an HTTP store or handler with these rules may read, if it is not. */
    static Optional<String> refusal(HostRules rules, Location location) {
        if (!SCHEMES.contains(location.scheme())) {
            return Optional.of("scheme '" + location.scheme() + "' is not http or https");
        }
        String host = location.uri().getHost();
        if (host == null) {
            return Optional.of("no valid host");
        }
        return rules.refusal(host, HttpExchanges.port(location.uri()));
    }
}
