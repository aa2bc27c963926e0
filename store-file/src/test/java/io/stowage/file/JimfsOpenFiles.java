package io.stowage.file;

import java.lang.reflect.Field;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.util.Set;

/**
 * How many channels, streams and directory streams are open on a Jimfs file system. Jimfs
 * registers each one in its file-system state (to close them when the file system closes) but
 * does not publish the count, so it is read reflectively; written against Jimfs 1.3, and
 * failing loudly if those internals move.
 */
final class JimfsOpenFiles {
    private JimfsOpenFiles() {}

    static int count(FileSystem jimfs) {
        FileStore store = jimfs.getFileStores().iterator().next();
        try {
            Object state = field(store, "state");
            return ((Set<?>) field(state, "resources")).size();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new AssertionError("Cannot count the open files of " + jimfs + ": Jimfs's internals changed", e);
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }
}
