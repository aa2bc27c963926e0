package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The data of an upload. A file can be read again, so an upload that failed where it cannot have
 * been applied is retried with it; a stream is read once, so it is retried only when none of it
 * was sent yet.
 */
public final class UploadData {
    private final Path file;
    private final InputStream stream;
    private final OptionalLong size;

    private UploadData(Path file, InputStream stream, OptionalLong size) {
        this.file = file;
        this.stream = stream;
        this.size = size;
    }

    /** The contents of a file, whose size is sent as {@code Content-Length}. */
    public static UploadData ofFile(Path file) throws IOException {
        return new UploadData(requireNonNull(file, "file is null"), null, OptionalLong.of(Files.size(file)));
    }

    /** A stream read once (standard input), of a known size or not; the caller closes it. */
    public static UploadData ofStream(InputStream stream, OptionalLong size) {
        return new UploadData(null, requireNonNull(stream, "stream is null"), requireNonNull(size, "size is null"));
    }

    /** The size, when known. */
    public OptionalLong size() {
        return size;
    }

    /** Whether the data can be read from its start again. */
    boolean rereadable() {
        return file != null;
    }

    /** The data from its start: the file opened anew, or the stream (which the caller keeps). */
    InputStream open() throws IOException {
        if (file != null) {
            return Files.newInputStream(file);
        }
        return new java.io.FilterInputStream(stream) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        };
    }

    @Override
    public String toString() {
        return file != null ? "file " + file : "a stream";
    }
}
