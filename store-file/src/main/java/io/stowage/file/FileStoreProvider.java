package io.stowage.file;

import io.stowage.Settings;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoreProvider;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.util.Set;

/**
 * The {@code file} store type: objects as files in local (or mounted) data dirs, with
 * {@code file://} locations. See {@link FileStoreConfig} for the settings.
 */
public final class FileStoreProvider implements StoreProvider {
    @Override
    public String type() {
        return "file";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(FileUris.SCHEME);
    }

    /** A store over data dirs of the default filesystem, configured by {@link FileStoreConfig#from}. */
    @Override
    public Store create(String name, Settings settings) throws StoreException {
        return create(name, FileStoreConfig.from(settings));
    }

    /**
     * A store over data dirs of the default filesystem.
     *
     * @param name the store's name
     * @param config the store's config
     * @return the store
     * @throws StoreException if a data dir cannot be created or opened
     */
    public Store create(String name, FileStoreConfig config) throws StoreException {
        return create(name, config, FileSystems.getDefault());
    }

    /**
     * A store whose data dirs are paths of {@code fileSystem}, any {@code java.nio.file}
     * filesystem (an in-memory one in tests, for example). Its locations are still
     * {@code file:///<dir>/<id>}.
     *
     * @param name the store's name
     * @param config the store's config
     * @param fileSystem the filesystem of the data dirs
     * @return the store
     * @throws StoreException if a data dir cannot be created or opened
     */
    public Store create(String name, FileStoreConfig config, FileSystem fileSystem) throws StoreException {
        return FileStore.open(name, config, fileSystem);
    }
}
