package io.stowage.tck.selftest;

import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.StoreException;
import io.stowage.tck.memory.MemoryStore;
import io.stowage.tck.selftest.BrokenStore.Defect;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** How a {@link BrokenStore} with a location defect owns and resolves locations. */
final class BrokenLocations {
    private BrokenLocations() {}

    static boolean owns(Defect defect, MemoryStore memory, Location location) {
        return switch (defect) {
            case OWNS_EVERY_LOCATION -> true;
            default -> memory.owns(location);
        };
    }

    /** The location the memory store is asked for, or the (wrong) answer the defect gives instead of refusing. */
    static Location resolve(Defect defect, MemoryStore memory, Location location) throws StoreException {
        if (defect == Defect.ACCEPTS_HOSTILE_IDS) {
            return memory.owns(location) ? location : normalised(memory, location);
        }
        return location;
    }

    /** The path normalised and decoded, as a careless store builds a key from it; "not found" when that names no object. */
    private static Location normalised(MemoryStore memory, Location location) throws ObjectNotFoundException {
        URI normal = location.uri().normalize();
        String path = URLDecoder.decode(normal.getRawPath() == null ? "" : normal.getRawPath(), StandardCharsets.UTF_8);
        String id = path.substring(path.lastIndexOf('/') + 1);
        if (location.scheme().equals(MemoryStore.SCHEME) && ObjectId.isValid(id)) {
            Location candidate = Location.of(URI.create(MemoryStore.SCHEME + "://" + memory.namespace() + "/" + id));
            if (memory.owns(candidate)) {
                return candidate;
            }
        }
        throw new ObjectNotFoundException("Object not found: " + location);
    }
}
