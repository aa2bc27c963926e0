package io.stowage;

import static java.util.Objects.requireNonNull;

import io.stowage.integrity.ContentVerifier;
import io.stowage.integrity.VerifiedContent;
import io.stowage.integrity.VerifyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The contract of {@link Store}, enforced once for every backend: the registry puts every store it
 * builds behind one, and code that creates a store itself wraps it with {@link #wrap}. A backend
 * behind it only moves bytes, publishes if absent and reads ranges; this decorator
 *
 * <ul>
 *   <li>refuses an operation the store did not declare (a {@link Capability} it lacks, a location
 *       of a scheme it does not serve) before the store is called, whatever the arguments;</li>
 *   <li>on {@link #add}: fails at once when the declared size already exceeds the size limit, then
 *       hands the backend the caller's source behind a {@link VerifyingInputStream}, which counts
 *       against the size limit and the expected size, computes the requested checksums and reports
 *       progress as the backend reads. A failed expectation is the exception of the read that saw
 *       it — {@link SizeLimitExceededException} as soon as the limit is passed,
 *       {@link IntegrityException} for data longer than declared, and from the read that ends the
 *       data for data shorter than declared or a checksum that differs — so the backend, which
 *       treats any exception of its source as a failed add, stores nothing;</li>
 *   <li>checks that the backend read its source to the end and reports the size it read (a
 *       backend that returned early is refused with {@link IntegrityException}, and the object it
 *       stored is deleted where the store can delete), and returns the stored object with the
 *       checksums computed and the add's metadata in its location, under the backend's own
 *       entries of the same keys.</li>
 * </ul>
 *
 * <p>The hashing runs on the thread that reads the source, as the backend reads it: a backend that
 * reads on one thread and writes on another keeps the hashing off its writer.
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

    /**
     * Adds through the backend, verifying and hashing the data as the backend reads it; see the
     * class comment.
     */
    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        requireNonNull(id, "id is null");
        requireNonNull(data, "data is null");
        requireNonNull(options, "options is null");
        require(Capability.WRITE, "add", id);
        VerifyingInputStream verified = new VerifyingInputStream(data, ContentVerifier.forAdd(id, options));
        StoredObject stored = requireNonNull(delegate.add(id, verified, options), "the store returned no stored object");
        VerifiedContent content = checkRead(id, verified, stored);
        Map<String, String> metadata = new TreeMap<>(options.metadata());
        metadata.putAll(stored.location().metadata());
        Location location = Location.of(stored.location().uri(), metadata);
        return StoredObject.of(id, location, content.size()).withChecksums(content.checksums());
    }

    /** What the backend stored is what it read, all of it; else the object goes and the add fails. */
    private VerifiedContent checkRead(ObjectId id, VerifyingInputStream verified, StoredObject stored) throws IOException {
        String problem = null;
        if (!verified.isComplete()) {
            problem = "returned after reading " + verified.bytes() + " bytes, before the end of the data";
        } else if (stored.size() != verified.result().size()) {
            problem = "reported " + stored.size() + " bytes stored of the " + verified.result().size() + " it read";
        } else if (!stored.id().equals(id)) {
            problem = "reported another id, '" + stored.id() + "'";
        }
        if (problem == null) {
            return verified.result();
        }
        IntegrityException failure = new IntegrityException("Store '" + delegate.name() + "' broke the contract adding '"
                + id + "': it " + problem + "; the object at " + stored.location() + " is not verified");
        if (capabilities.contains(Capability.DELETE)) {
            try {
                delegate.delete(stored.location());
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        requireNonNull(range, "range is null");
        checkScheme(location);
        require(Capability.READ, "read", location);
        if (!range.isAll()) {
            require(Capability.RANGE_READ, "read a range of", location);
        }
        return delegate.get(location, range);
    }

    @Override
    public long size(Location location) throws IOException {
        checkScheme(location);
        require(Capability.READ, "read the size of", location);
        return delegate.size(location);
    }

    @Override
    public void delete(Location location) throws IOException {
        checkScheme(location);
        require(Capability.DELETE, "delete", location);
        delegate.delete(location);
    }

    @Override
    public void discard(ObjectId id) throws IOException {
        requireNonNull(id, "id is null");
        require(Capability.DELETE, "discard", id);
        delegate.discard(id);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    /** The message names {@code operation} and {@code subject}; it is built only for a refusal (a location's redacted text costs a scan). */
    private void require(Capability capability, String operation, Object subject) throws NotSupportedException {
        if (!capabilities.contains(capability)) {
            throw new NotSupportedException("Store '" + delegate.name() + "' cannot " + operation + " " + subject
                    + ": it lacks the " + capability + " capability");
        }
    }

    private void checkScheme(Location location) throws InvalidLocationException {
        requireNonNull(location, "location is null");
        if (!schemes.contains(location.scheme())) {
            throw new InvalidLocationException("Store '" + delegate.name() + "' does not serve scheme '"
                    + location.scheme() + "': " + location + " (its schemes: " + String.join(", ", new TreeSet<>(schemes)) + ")");
        }
    }
}
