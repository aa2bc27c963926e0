package io.stowage.core;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidRangeException;
import io.stowage.Location;
import io.stowage.ObjectStream;
import io.stowage.OperationInterruptedException;
import java.io.IOException;
import java.util.List;

/** The search behind {@link StoreRegistry#get(List, io.stowage.ByteRange)}: the first copy that opens, in order. */
final class FirstReadableCopy {
    /** Opens one copy. */
    @FunctionalInterface
    interface Opener {
        ObjectStream open(Location copy) throws IOException;
    }

    private FirstReadableCopy() {}

    static ObjectStream open(List<Location> copies, Opener opener) throws IOException {
        requireNonNull(copies, "copies is null");
        if (copies.isEmpty()) {
            throw new IllegalArgumentException("No copy to read: the list of locations is empty");
        }
        IOException failure = null;
        for (Location copy : copies) {
            try {
                return opener.open(requireNonNull(copy, "copies holds null"));
            } catch (InvalidRangeException | OperationInterruptedException e) {
                // every copy would answer the same, or the caller wants to stop
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                throw e;
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new OperationInterruptedException("Interrupted while looking for a readable copy among "
                        + copies.size() + " locations", failure);
            }
        }
        throw failure;
    }
}
