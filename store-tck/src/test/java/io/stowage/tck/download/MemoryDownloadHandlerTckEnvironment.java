package io.stowage.tck.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.AddOptions;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.download.DownloadHandler;
import io.stowage.tck.memory.MemoryDownloadHandler;
import io.stowage.tck.memory.MemoryStore;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The memory download handler as the TCK sees it, optionally behind a decorator (the self-test's broken handlers). */
final class MemoryDownloadHandlerTckEnvironment implements DownloadHandlerTckEnvironment {
    private final MemoryStore store = new MemoryStore("tck-download");
    private final Function<MemoryStore, DownloadHandler> factory;

    MemoryDownloadHandlerTckEnvironment() {
        this(MemoryDownloadHandler::new);
    }

    MemoryDownloadHandlerTckEnvironment(Function<MemoryStore, DownloadHandler> factory) {
        this.factory = factory;
    }

    @Override
    public DownloadHandler createHandler() {
        return factory.apply(store);
    }

    @Override
    public Set<String> schemes() {
        return Set.of(MemoryStore.SCHEME);
    }

    @Override
    public Location put(ObjectId id, InputStream data, long size) throws Exception {
        return store.add(id, data, AddOptions.builder().expectedSize(size).build()).location();
    }

    @Override
    public void remove(Location location) throws Exception {
        store.delete(location);
    }

    @Override
    public List<Location> refused(Location existing) {
        return List.of(Location.of(URI.create("memory://another-namespace" + existing.uri().getPath())));
    }

    @Override
    public void assertNothingLeaked() {
        assertThat(store.ids()).as("objects left").isEmpty();
        assertThat(store.openStreams()).as("streams not closed").isZero();
    }
}
