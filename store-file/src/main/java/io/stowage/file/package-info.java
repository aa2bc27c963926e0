/**
 * The {@code file} backend: {@link io.stowage.file.FileStoreProvider} (objects as files
 * {@code <dir>/<id>} in data dirs with priorities, Glance's layout, {@code file:///} locations)
 * and {@link io.stowage.file.FileDownloadHandlerProvider} (Nova's {@code file} direct-download
 * handler over configured shared filesystems, confined to their mountpoints).
 *
 * <p>How an add stays all-or-nothing and exclusive: the data streams into a temp file in the
 * chosen dir ({@code .<id>~<random>.stowage-tmp}), written on a second thread while the
 * caller's thread reads and hashes; it is fsynced, then published with {@code link(2)}, which
 * fails when the name is taken, and the dir is fsynced. Temp files of adds that died are
 * removed when a store next opens the dir; those of live adds are kept (their writers hold a
 * lock on them).
 *
 * <p>The store fails closed: where the filesystem gives no lock (a temp file's, or the store lock
 * that publishing without hard links or into one of several dirs needs), the add is refused
 * rather than run unguarded; a temp file whose lock cannot be tested is kept; an object whose
 * dir sync failed after it was published stays (the add fails), since a reader may have it. On
 * a filesystem that folds case (macOS, Windows), file names escape upper case and Windows
 * device names ({@code ObjectFileNaming}), so ids that differ only in case stay
 * apart. The module's README says why, case by case.
 */
package io.stowage.file;
