package io.stowage.tck;

import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import java.util.ArrayList;
import java.util.List;

/**
 * Locations that keep the scheme, authority, directory and metadata of a location a store
 * emitted, but put something that is not a valid id where its id was: traversals
 * ({@code ..}, {@code sub/../id}, encoded forms), nested paths ({@code a/b}), NUL bytes,
 * characters outside the id alphabet, an empty or over-long id. Several aim at the object
 * itself once normalised or decoded, so a store that resolves them instead of refusing them
 * reads or deletes that object, and the test notices. Texts that {@link Location#parse}
 * already refuses are left out: they never reach a store.
 */
final class HostileLocations {
    private HostileLocations() {}

    /** The hostile variants of {@code owned}, the location of {@code id}, whose last path segment is the id. */
    static List<Location> around(Location owned, ObjectId id) {
        String url = owned.url();
        int slash = url.lastIndexOf('/');
        if (slash < 0 || !url.substring(slash + 1).equals(id.value())) {
            throw new AssertionError("A store whose profile says its locations name ids must end them with the id: "
                    + owned + " does not end with /" + id);
        }
        String dir = url.substring(0, slash);
        String name = id.value();
        List<String> texts = new ArrayList<>(List.of(
                dir,
                dir + "/",
                dir + "/.",
                dir + "/..",
                dir + "/sub/../" + name,
                dir + "/../" + name,
                dir + "/..%2F" + name,
                dir + "/%2e%2e/" + name,
                dir + "/%2E%2E",
                dir + "/sub%2F..%2F" + name,
                dir + "/sub/" + name,
                dir + "/sub%2F" + name,
                dir + "/" + name + "/",
                dir + "/" + name + "%2F",
                dir + "/" + name + "/..",
                dir + "/" + name + "%00",
                dir + "/" + name + "%00.txt",
                dir + "/%00",
                dir + "/" + name + "%20",
                dir + "/" + name + "~",
                dir + "/" + name + "%5C",
                dir + "/" + "a".repeat(ObjectId.MAX_LENGTH + 1)));
        int parent = dir.lastIndexOf('/');
        if (parent > dir.indexOf("://") + 2) {
            // Up and back down into the same directory: the object itself, once normalised.
            texts.add(dir + "/../" + dir.substring(parent + 1) + "/" + name);
        }
        List<Location> locations = new ArrayList<>();
        for (String text : texts) {
            try {
                locations.add(Location.parse(text, owned.metadata()));
            } catch (InvalidLocationException refusedBeforeAnyStore) {
                // not a location at all
            }
        }
        return locations;
    }
}
