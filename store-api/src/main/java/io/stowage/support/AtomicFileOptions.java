package io.stowage.support;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * How an {@link AtomicFile} names its temp file, creates it, and publishes it. The defaults
 * suit a file written for a user ({@code stowage get -o}): the temp file is named
 * {@code .<target name>.<random>.part}, created with the process's default permissions, and
 * publishing replaces whatever has the target's name.
 */
public final class AtomicFileOptions {
    private static final AtomicFileOptions DEFAULTS = builder().build();

    private final Optional<String> tempPrefix;
    private final String tempSuffix;
    private final boolean ownerOnly;
    private final boolean lockedWhileOpen;
    private final boolean removedAtShutdown;
    private final Optional<AtomicFile.PublishLock> exclusiveLock;
    private final List<Path> otherNames;

    private AtomicFileOptions(Builder builder) {
        this.tempPrefix = builder.tempPrefix;
        this.tempSuffix = builder.tempSuffix;
        this.ownerOnly = builder.ownerOnly;
        this.lockedWhileOpen = builder.lockedWhileOpen;
        this.removedAtShutdown = builder.removedAtShutdown;
        this.exclusiveLock = builder.exclusiveLock;
        this.otherNames = builder.otherNames;
    }

    /** {@return the defaults: temp file {@code .<target name>.<random>.part}, default permissions, publishing replaces} */
    public static AtomicFileOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder that starts from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    Optional<String> tempPrefix() {
        return tempPrefix;
    }

    String tempSuffix() {
        return tempSuffix;
    }

    boolean ownerOnly() {
        return ownerOnly;
    }

    boolean lockedWhileOpen() {
        return lockedWhileOpen;
    }

    boolean removedAtShutdown() {
        return removedAtShutdown;
    }

    Optional<AtomicFile.PublishLock> exclusiveLock() {
        return exclusiveLock;
    }

    List<Path> otherNames() {
        return otherNames;
    }

    /** Builds {@link AtomicFileOptions}; each method switches one thing away from the defaults. */
    public static final class Builder {
        private Optional<String> tempPrefix = Optional.empty();
        private String tempSuffix = ".part";
        private boolean ownerOnly;
        private boolean lockedWhileOpen;
        private boolean removedAtShutdown;
        private Optional<AtomicFile.PublishLock> exclusiveLock = Optional.empty();
        private List<Path> otherNames = List.of();

        private Builder() {}

        /**
         * Names the temp file {@code prefix}, 16 random lower-case hex digits, {@code suffix}
         * (instead of {@code .<target name>.}, the digits, {@code .part}), so that a sweep of
         * leftovers can tell its temp files by name.
         *
         * @param prefix what the name starts with
         * @param suffix what it ends with
         * @return this builder
         * @throws IllegalArgumentException if either holds a {@code /}, a {@code \} or a NUL, or the prefix is empty
         */
        public Builder tempName(String prefix, String suffix) {
            requireNonNull(prefix, "prefix is null");
            requireNonNull(suffix, "suffix is null");
            if (prefix.isEmpty() || !isNamePart(prefix) || !isNamePart(suffix)) {
                throw new IllegalArgumentException("Not a file name part: prefix '" + prefix + "', suffix '" + suffix + "'");
            }
            this.tempPrefix = Optional.of(prefix);
            this.tempSuffix = suffix;
            return this;
        }

        /**
         * Creates the temp file readable and writable by its owner only (as
         * {@link java.nio.file.Files#createTempFile} does) where the filesystem has POSIX
         * permissions; the published file keeps them unless the caller changes them first.
         *
         * @return this builder
         */
        public Builder ownerOnly() {
            this.ownerOnly = true;
            return this;
        }

        /**
         * Holds an exclusive lock on the temp file from its creation until it is published or
         * closed, so that a sweep of leftover temp files in another process can tell a live
         * writer's file (locked) from a dead one's; in this JVM {@link AtomicFile#isInUse} tells.
         * A filesystem that answers the lock with an error fails the creation with {@link
         * FileLockUnavailableException}.
         *
         * @return this builder
         */
        public Builder lockedWhileOpen() {
            this.lockedWhileOpen = true;
            return this;
        }

        /**
         * Registers a shutdown hook that removes the temp file when the JVM stops (Ctrl-C,
         * SIGTERM) before the file is published or closed. For a command that a user stops;
         * not for a server, whose own shutdown may let running writes finish.
         *
         * @return this builder
         */
        public Builder removedAtShutdown() {
            this.removedAtShutdown = true;
            return this;
        }

        /**
         * Makes {@link AtomicFile#publish} exclusive: it never replaces anything, and fails with
         * {@link java.nio.file.FileAlreadyExistsException} when the target, or one of
         * {@code otherNames}, exists. Of racing publishers of one target exactly one wins.
         *
         * <p>The publish is a hard link ({@code link(2)}, which the kernel or the NFS server
         * refuses atomically when the name is taken), then the temp name is removed. Where the
         * filesystem has no hard links, and whenever {@code otherNames} must be checked too, the
         * names are checked and the file renamed while holding {@code lock}, which must keep out
         * every other exclusive publisher of the same names, in this JVM and in other processes.
         *
         * @param lock keeps every other exclusive publisher of the same names out while it is held
         * @param otherNames names that must not exist either (the same object in other directories)
         * @return this builder
         */
        public Builder exclusive(AtomicFile.PublishLock lock, Collection<Path> otherNames) {
            this.exclusiveLock = Optional.of(requireNonNull(lock, "lock is null"));
            this.otherNames = List.copyOf(otherNames);
            return this;
        }

        /** {@return the options as set so far; the builder may go on to build others} */
        public AtomicFileOptions build() {
            return new AtomicFileOptions(this);
        }

        private static boolean isNamePart(String part) {
            return part.indexOf('/') < 0 && part.indexOf('\\') < 0 && part.indexOf('\0') < 0;
        }
    }
}
