package io.stowage.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.InvalidLocationException;
import io.stowage.InvalidRangeException;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.OperationInterruptedException;
import io.stowage.UnknownSchemeException;
import io.stowage.core.config.StowageConfig;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StoreRegistry#get(List, ByteRange)}: an object read from the first of its copies that opens. */
class StoreRegistryCopiesTest {
    private static final Location MISSING = Location.of(java.net.URI.create("scratch://one/missing"));
    private static final Location UNROUTED = Location.of(java.net.URI.create("ftp://host/copy"));
    private static final Location OUTSIDE = Location.of(java.net.URI.create("scratch://elsewhere/copy"));

    private static StoreRegistry stores() throws Exception {
        return StoreRegistry.build(StowageConfig.parse("""
                default: a
                stores:
                  a: { type: scratch, bucket: one }
                  b: { type: scratch, bucket: two }
                """, Map.<String, String>of()::get), List.of(new ScratchStore.Provider()));
    }

    private static Location add(StoreRegistry stores, String store, String id, byte[] data) throws Exception {
        return stores.add(store, ObjectId.of(id), new ByteArrayInputStream(data), AddOptions.defaults()).location();
    }

    @Test
    void copiesThatCannotBeOpenedMakeWayForTheNextInOrder() throws Exception {
        try (StoreRegistry stores = stores()) {
            Location second = add(stores, "b", "copy", new byte[] {1, 2, 3, 4});
            Location third = add(stores, "a", "copy", new byte[] {9, 9, 9, 9});

            try (ObjectStream in = stores.get(List.of(MISSING, UNROUTED, OUTSIDE, second, third), ByteRange.from(1))) {
                assertThat(in.location()).isEqualTo(second);
                assertThat(in.readAllBytes()).containsExactly(2, 3, 4);
            }
        }
    }

    @Test
    void whenNoCopyOpensTheFirstFailureCarriesTheOthers() throws Exception {
        try (StoreRegistry stores = stores()) {
            assertThatThrownBy(() -> stores.get(List.of(MISSING, UNROUTED, OUTSIDE), ByteRange.ALL))
                    .isInstanceOf(ObjectNotFoundException.class)
                    .hasMessage("Object not found: scratch://one/missing")
                    .satisfies(failure -> assertThat(failure.getSuppressed())
                            .extracting(Throwable::getClass, Throwable::getMessage)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple(UnknownSchemeException.class,
                                            "No store serves scheme 'ftp' of ftp://host/copy (registered schemes: scratch)"),
                                    org.assertj.core.groups.Tuple.tuple(InvalidLocationException.class,
                                            "Location scratch://elsewhere/copy is refused: it is outside every configured"
                                                    + " scratch store (a, b)")));
        }
    }

    @Test
    void aRangeBeyondTheObjectEndsTheSearchAtTheFirstCopyThatOpens() throws Exception {
        try (StoreRegistry stores = stores()) {
            Location shortCopy = add(stores, "a", "short", new byte[] {1});
            Location longCopy = add(stores, "b", "long", new byte[] {1, 2, 3, 4, 5, 6});

            assertThatThrownBy(() -> stores.get(List.of(MISSING, shortCopy, longCopy), ByteRange.from(4)))
                    .isInstanceOf(InvalidRangeException.class)
                    .satisfies(failure -> assertThat(failure.getSuppressed()).singleElement()
                            .isInstanceOf(ObjectNotFoundException.class));
        }
    }

    @Test
    void anInterruptedCallerStopsTheSearch() throws Exception {
        try (StoreRegistry stores = stores()) {
            Location present = add(stores, "b", "copy", new byte[] {1});
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> stores.get(List.of(MISSING, present), ByteRange.ALL))
                        .isInstanceOf(OperationInterruptedException.class)
                        .hasMessage("Interrupted while looking for a readable copy among 2 locations")
                        .hasCauseInstanceOf(ObjectNotFoundException.class);
            } finally {
                assertThat(Thread.interrupted()).isTrue();
            }
        }
    }

    @Test
    void anEmptyListOfCopiesIsRefused() throws Exception {
        try (StoreRegistry stores = stores()) {
            assertThatThrownBy(() -> stores.get(List.of(), ByteRange.ALL))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("No copy to read: the list of locations is empty");
        }
    }
}
