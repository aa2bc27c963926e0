package io.stowage.tck.selftest;

import static java.util.Objects.requireNonNull;

import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.Store;
import io.stowage.tck.StoreProfile;
import io.stowage.tck.StoreTckEnvironment;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/** An environment that forwards everything to another; the self-test overrides what it breaks or counts. */
class ForwardingTckEnvironment implements StoreTckEnvironment {
    private final StoreTckEnvironment delegate;

    ForwardingTckEnvironment(StoreTckEnvironment delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public Store createStore() throws Exception {
        return delegate.createStore();
    }

    @Override
    public StoreProfile profile() {
        return delegate.profile();
    }

    @Override
    public void assertEmpty(Store store) throws Exception {
        delegate.assertEmpty(store);
    }

    @Override
    public long openResources(Store store) throws Exception {
        return delegate.openResources(store);
    }

    @Override
    public Set<String> secrets() {
        return delegate.secrets();
    }

    @Override
    public long backendHeapBytes(Store store) throws Exception {
        return delegate.backendHeapBytes(store);
    }

    @Override
    public long boundedMemorySize() {
        return delegate.boundedMemorySize();
    }

    @Override
    public Location seed(Store store, ObjectId id, InputStream data, long size) throws Exception {
        return delegate.seed(store, id, data, size);
    }

    @Override
    public void remove(Store store, Location location) throws Exception {
        delegate.remove(store, location);
    }

    @Override
    public List<Location> notOwned(Location owned) {
        return delegate.notOwned(owned);
    }

    @Override
    public long largeSize() {
        return delegate.largeSize();
    }

    @Override
    public List<Long> boundarySizes() {
        return delegate.boundarySizes();
    }

    @Override
    public int propertyTries() {
        return delegate.propertyTries();
    }

    @Override
    public int racingAdds() {
        return delegate.racingAdds();
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }
}
