package io.stowage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Enforces a store's declared capabilities and schemes before its methods run, so that no
 * call path — whatever its arguments — reaches an operation the store did not declare.
 * The registry puts every store it builds behind one; code that creates a store itself wraps it
 * with {@link #wrap}.
 */
public final class ContractEnforcingStore implements Store {
    private final Store delegate;
    private final Set<Capability> capabilities;
    private final Set<String> schemes;

    private ContractEnforcingStore(Store delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.capabilities = Set.copyOf(delegate.capabilities());
        this.schemes = Set.copyOf(delegate.schemes());
    }

    /**
     * {@code store} behind the contract's checks; a store that is already wrapped is returned as it is.
     *
     * @param store the backend
     * @return the wrapped store
     */
    public static Store wrap(Store store) {
        return store instanceof ContractEnforcingStore ? store : new ContractEnforcingStore(store);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Set<String> schemes() {
        return schemes;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public boolean owns(Location location) {
        return schemes.contains(location.scheme()) && delegate.owns(location);
    }

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        require(Capability.WRITE, "add " + id);
        requireNonNull(data, "data is null");
        requireNonNull(options, "options is null");
        return delegate.add(id, data, options);
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        requireNonNull(range, "range is null");
        checkScheme(location);
        require(Capability.READ, "read " + location);
        if (!range.isAll()) {
            require(Capability.RANGE_READ, "read a range of " + location);
        }
        return delegate.get(location, range);
    }

    @Override
    public long size(Location location) throws IOException {
        checkScheme(location);
        require(Capability.READ, "read the size of " + location);
        return delegate.size(location);
    }

    @Override
    public void delete(Location location) throws IOException {
        checkScheme(location);
        require(Capability.DELETE, "delete " + location);
        delegate.delete(location);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    private void require(Capability capability, String operation) throws NotSupportedException {
        if (!capabilities.contains(capability)) {
            throw new NotSupportedException("Store '" + delegate.name() + "' cannot " + operation + ": it lacks the "
                    + capability + " capability");
        }
    }

    private void checkScheme(Location location) throws InvalidLocationException {
        requireNonNull(location, "location is null");
        if (!schemes.contains(location.scheme())) {
            throw new InvalidLocationException("Store '" + delegate.name() + "' does not serve scheme '"
                    + location.scheme() + "': " + location + " (its schemes: " + String.join(", ", new java.util.TreeSet<>(schemes)) + ")");
        }
    }
}
