package io.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.Capability;
import io.stowage.InvalidIdException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.tck.source.Payload;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link StoreContractTest}: locations round-trip through their text; locations of the
 * store's schemes not owned by it, or naming no valid id ({@code ..}, {@code a/b}, {@code %00}, ...) are not owned
 * and refused with {@link InvalidLocationException} — not answered "not found", and never
 * resolved to an object: the hostile forms aim at an object that exists, which must stay
 * unread and undeleted. Every shape of valid id is stored, ids that differ only in case apart.
 * (Foreign schemes are the decorator's: {@link StoreEnforcedRulesContract}.)
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
    void refusesLocationsItDoesNotOwn() throws Exception {
        Payload payload = Payload.of(10, nextSeed());
        Location owned = put(newId(), payload);
        List<Location> notOwned = tckEnvironment().notOwned(owned);
        if (declaredProfile() != StoreProfile.READ_ONLY_ORIGIN) {
            assertThat(notOwned).as("locations of its scheme a %s store does not own (StoreTckEnvironment.notOwned)",
                    declaredProfile()).isNotEmpty();
        }
        for (Location location : notOwned) {
            assertThat(store().owns(location)).as("store owns %s", location).isFalse();
            assertRefused(location);
        }
        assertReads(owned, payload);
    }

    @Test
    void refusesLocationsNamingNoValidId() throws Exception {
        requiresIdLocations();
        ObjectId id = newId();
        Payload payload = Payload.of(100, nextSeed());
        Location owned = put(id, payload);
        for (Location hostile : HostileLocations.around(owned, id)) {
            assertThat(store().owns(hostile)).as("store owns %s", hostile).isFalse();
            assertRefused(hostile);
        }
        assertReads(owned, payload);
    }

    /** get, size and delete of {@code location} are refused as invalid (an invalid id included), not answered. */
    final void assertRefused(Location location) {
        assertThatThrownBy(() -> store().get(location).close()).as("get %s", location)
                .isInstanceOfAny(InvalidLocationException.class, InvalidIdException.class);
        assertThatThrownBy(() -> store().size(location)).as("size %s", location)
                .isInstanceOfAny(InvalidLocationException.class, InvalidIdException.class);
        if (has(Capability.DELETE)) {
            assertThatThrownBy(() -> store().delete(location)).as("delete %s", location)
                    .isInstanceOfAny(InvalidLocationException.class, InvalidIdException.class);
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
