package io.stowage.file;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A filesystem that is another one (the real one, Jimfs) with faults the tests switch on:
 * lock requests answered with {@code ENOLCK}, as on an NFS mount without a lock manager, a dir
 * listing that fails part way, a file whose forcing to the device fails with {@code EIO}, and a
 * hook that runs when a directory is forced to the device (it may fail the sync, or interrupt
 * the syncing thread). Everything else passes through. Two instances over one
 * filesystem see the same files but are two filesystems, as two processes are: a path of one
 * never equals a path of the other.
 */
final class FaultyFileSystem extends FileSystem {
    /** What runs before a directory channel is forced. */
    @FunctionalInterface
    interface DirectorySyncHook {
        DirectorySyncHook NONE = dir -> { };

        void beforeSync(Path dir) throws IOException;
    }

    private final FileSystem delegate;
    private final FaultyFileSystemProvider provider = new FaultyFileSystemProvider(this);
    private volatile Predicate<Path> failingLocks = path -> false;
    private volatile DirectorySyncHook directorySync = DirectorySyncHook.NONE;
    private volatile Predicate<Path> failingListings = path -> false;
    private volatile Predicate<Path> failingFileSyncs = path -> false;

    private FaultyFileSystem(FileSystem delegate) {
        this.delegate = delegate;
    }

    /** A faulty filesystem over {@code delegate}, with no fault switched on. */
    static FaultyFileSystem over(FileSystem delegate) {
        return new FaultyFileSystem(delegate);
    }

    /** From now on, locking a file that {@code which} accepts fails with {@code ENOLCK} ("No locks available"). */
    void failLocks(Predicate<Path> which) {
        failingLocks = which;
    }

    /** From now on, {@code hook} runs each time a directory is forced to the device, before the sync. */
    void onDirectorySync(DirectorySyncHook hook) {
        directorySync = hook;
    }

    /** From now on, iterating over the entries of a dir that {@code which} accepts fails with {@code EIO}. */
    void failListings(Predicate<Path> which) {
        failingListings = which;
    }

    /** From now on, forcing a file (not a directory) that {@code which} accepts fails with {@code EIO}. */
    void failFileSyncs(Predicate<Path> which) {
        failingFileSyncs = which;
    }

    boolean fileSyncFails(Path file) {
        return failingFileSyncs.test(file);
    }

    boolean listingFails(Path dir) {
        return failingListings.test(dir);
    }

    boolean locksFail(Path file) {
        return failingLocks.test(file);
    }

    DirectorySyncHook directorySync() {
        return directorySync;
    }

    /** {@code path} of the filesystem underneath, as a path of this one. */
    Path wrap(Path path) {
        return new FaultyPath(this, path);
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    /** Leaves the filesystem underneath open: the test that made it closes it. */
    @Override
    public void close() {}

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public boolean isReadOnly() {
        return delegate.isReadOnly();
    }

    @Override
    public String getSeparator() {
        return delegate.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        List<Path> roots = new ArrayList<>();
        delegate.getRootDirectories().forEach(root -> roots.add(wrap(root)));
        return roots;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return delegate.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return delegate.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(delegate.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher matcher = delegate.getPathMatcher(syntaxAndPattern);
        return path -> matcher.matches(FaultyPath.unwrap(path));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return delegate.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("no watch service on a faulty filesystem");
    }
}
