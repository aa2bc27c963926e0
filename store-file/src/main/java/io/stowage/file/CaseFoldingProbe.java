package io.stowage.file;

import io.stowage.support.AtomicFile;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds out whether the filesystem of a dir folds case: whether a name looked up in another
 * case finds the same file. It asks about an entry already in the dir when there is one with a
 * letter in its name, so that opening a store over a dir with objects writes nothing; only in
 * an empty dir does it create a probe file (named as a temp file, so a crash leaves nothing an
 * open does not remove) and remove it again.
 */
final class CaseFoldingProbe {
    private static final int PROBE_ATTEMPTS = 16;

    private CaseFoldingProbe() {}

    /**
     * @throws IOException if the dir cannot be listed, or it has no entry to ask about and no
     *     probe file can be created in it
     */
    static boolean foldsCase(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String swapped = swapAsciiCase(name);
                if (!swapped.equals(name)) {
                    Optional<Boolean> answer = sameEntry(entry, dir.resolve(swapped));
                    if (answer.isPresent()) {
                        return answer.get();
                    }
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return foldsCaseOfANewFile(dir);
    }

    private static boolean foldsCaseOfANewFile(Path dir) throws IOException {
        for (int attempt = 0; attempt < PROBE_ATTEMPTS; attempt++) {
            // Never published: closing it removes it.
            try (AtomicFile probe = AtomicFile.create(dir.resolve("case-probe"), TempFile.named("case-probe").build())) {
                String name = probe.temp().getFileName().toString();
                Optional<Boolean> answer = sameEntry(probe.temp(), dir.resolve(name.toUpperCase(Locale.ROOT)));
                if (answer.isPresent()) {
                    return answer.get();
                }
            }
        }
        throw new IOException("every probe file in " + dir + " was gone before it could be looked up");
    }

    /**
     * Whether {@code other} (the name in another case) is the entry {@code name}: yes, no, or
     * empty when {@code name} went away meanwhile (another store removed it) and so cannot tell.
     * Two entries that both exist are told apart by their file keys, without following links.
     */
    private static Optional<Boolean> sameEntry(Path name, Path other) throws IOException {
        Optional<BasicFileAttributes> named = attributes(name);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        Optional<BasicFileAttributes> found = attributes(other);
        if (found.isEmpty()) {
            return attributes(name).isPresent() ? Optional.of(false) : Optional.empty();
        }
        Object key = named.get().fileKey();
        Object otherKey = found.get().fileKey();
        if (key != null && otherKey != null) {
            return Optional.of(key.equals(otherKey));
        }
        try {
            return Optional.of(Files.isSameFile(name, other)); // no file keys (Windows)
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    private static Optional<BasicFileAttributes> attributes(Path path) throws IOException {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static String swapAsciiCase(String name) {
        StringBuilder swapped = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'a' && c <= 'z') {
                swapped.append((char) (c - 'a' + 'A'));
            } else if (c >= 'A' && c <= 'Z') {
                swapped.append((char) (c - 'A' + 'a'));
            } else {
                swapped.append(c);
            }
        }
        return swapped.toString();
    }
}
