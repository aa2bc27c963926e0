package io.stowage.tck.memory;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.download.DownloadHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The reference download handler: copies an object of a {@link MemoryStore} into the
 * target, for tests of direct download in server projects and as the TCK's own subject of
 * the download-handler contract.
 */
public final class MemoryDownloadHandler implements DownloadHandler {
    private final MemoryStore store;

    /**
     * A handler copying the objects of {@code store}.
     *
     * @param store the store whose objects it copies
     */
    public MemoryDownloadHandler(MemoryStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public void download(Location location, Path target) throws IOException {
        requireNonNull(location, "location is null");
        requireNonNull(target, "target is null");
        if (!store.owns(location)) {
            throw new InvalidLocationException("The memory download handler of store '" + store.name()
                    + "' does not serve " + location);
        }
        try (ObjectStream data = store.get(location);
                OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            data.transferTo(out);
        }
    }
}
