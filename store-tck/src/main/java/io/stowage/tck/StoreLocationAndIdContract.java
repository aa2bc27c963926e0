package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.stowage.Capability;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.tck.source.Payload;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link StoreContractTest}: locations round-trip through their text, locations of
 * foreign schemes or not owned by the store are refused with
 * {@link InvalidLocationException}, and every shape of valid id is stored, ids that
 * differ only in case apart.
 */
abstract class StoreLocationAndIdContract extends StoreReadContract {
    @Test
    void locationsRoundTripThroughTheirText() throws Exception {
        Payload payload = Payload.of(100, nextSeed());
        Location location = put(newId(), payload);

        Location withMetadata = Location.parse(location.url(), location.metadata());
        Location bare = Location.parse(location.url());
        String scheme = location.scheme();
        Location upperCaseScheme = Location.parse(scheme.toUpperCase(Locale.ROOT) + location.url().substring(scheme.length()),
                location.metadata());

        assertThat(store().schemes()).contains(location.scheme());
        assertThat(location.uri().getUserInfo()).as("user-info in %s", location).isNull();
        assertThat(withMetadata).isEqualTo(location);
        assertThat(upperCaseScheme).isEqualTo(location);
        assertThat(bare.uri()).isEqualTo(location.uri());
        for (Location parsed : List.of(location, withMetadata, bare, upperCaseScheme)) {
            assertThat(store().owns(parsed)).as("store owns %s", parsed).isTrue();
            assertThat(store().size(parsed)).isEqualTo(100);
            assertReads(parsed, payload);
        }
    }

    @Test
    void refusesForeignSchemes() throws Exception {
        Location owned = put(newId(), Payload.of(10, nextSeed()));
        for (String scheme : List.of("stowage-tck-foreign", "s3", "file", "http", "memory", "swift", "rbd")) {
            if (store().schemes().contains(scheme)) {
                continue;
            }
            Location foreign = Location.of(URI.create(scheme + "://tck-host/tck-bucket/" + newId()));
            assertThat(store().owns(foreign)).as("store owns %s", foreign).isFalse();
            assertRefused(foreign);
        }
        assertThat(store().size(owned)).isEqualTo(10);
    }

    @Test
    void refusesLocationsItDoesNotOwn() throws Exception {
        Payload payload = Payload.of(10, nextSeed());
        Location owned = put(newId(), payload);
        List<Location> notOwned = tckEnvironment().notOwned(owned);
        assumeFalse(notOwned.isEmpty(), "the store owns every location of its schemes");
        for (Location location : notOwned) {
            assertThat(store().owns(location)).as("store owns %s", location).isFalse();
            assertRefused(location);
        }
        assertReads(owned, payload);
    }

    private void assertRefused(Location location) {
        assertThatThrownBy(() -> store().get(location).close()).as("get %s", location)
                .isInstanceOf(InvalidLocationException.class);
        assertThatThrownBy(() -> store().size(location)).as("size %s", location)
                .isInstanceOf(InvalidLocationException.class);
        if (has(Capability.DELETE)) {
            assertThatThrownBy(() -> store().delete(location)).as("delete %s", location)
                    .isInstanceOf(InvalidLocationException.class);
        }
    }

    @Test
    void keepsIdsThatDifferOnlyInCaseApart() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        Payload upper = Payload.of(100, nextSeed());
        Payload lower = Payload.of(200, nextSeed());
        Location upperLocation = put(ObjectId.of("TCK-CASE-" + suffix.toUpperCase(Locale.ROOT)), upper);
        Location lowerLocation = put(ObjectId.of("tck-case-" + suffix), lower);

        assertThat(upperLocation.uri()).isNotEqualTo(lowerLocation.uri());
        assertReads(upperLocation, upper);
        assertReads(lowerLocation, lower);
    }

    @Test
    void storesEveryShapeOfValidId() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        List<String> ids = List.of(".tck" + suffix, "..tck" + suffix, "tck" + suffix + "..", "-tck" + suffix,
                "_tck" + suffix, "tck." + suffix, "TCK_" + suffix + "-x.y",
                "t".repeat(ObjectId.MAX_LENGTH - suffix.length()) + suffix);
        for (String value : ids) {
            ObjectId id = ObjectId.of(value);
            Payload payload = Payload.of(value.length(), nextSeed());
            Location location = put(id, payload);
            assertThat(store().owns(location)).as("store owns %s", location).isTrue();
            assertReads(Location.parse(location.url(), location.metadata()), payload);
        }
    }
}
