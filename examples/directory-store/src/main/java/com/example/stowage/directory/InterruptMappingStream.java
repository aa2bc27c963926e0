package com.example.stowage.directory;

import io.stowage.Location;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;

/** A file's stream whose reads on an interrupted thread fail as the store contract says, not with the JDK's exception. */
final class InterruptMappingStream extends FilterInputStream {
    private final Location location;

    InterruptMappingStream(InputStream file, Location location) {
        super(file);
        this.location = location;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (ClosedByInterruptException e) {
            throw DirectoryStore.interrupted("Reading " + location, e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (ClosedByInterruptException e) {
            throw DirectoryStore.interrupted("Reading " + location, e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (ClosedByInterruptException e) {
            throw DirectoryStore.interrupted("Reading " + location, e);
        }
    }
}
