package io.stowage.tck.load;

import io.stowage.Location;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, once every caller has finished, that each id holds what the order of the operations
 * allows: an object only if no later add or delete can have replaced or removed it, nothing only
 * if a delete ended after the last stored add began, never more stored adds than deletes could
 * have removed, and no refused add's data ever read.
 */
final class LoadEndCheck {
    private final Store store;
    private final LoadLedger ledger;

    LoadEndCheck(Store store, LoadLedger ledger) {
        this.store = store;
        this.ledger = ledger;
    }

    void check(List<LoadSlot> slots) {
        for (LoadSlot slot : slots) {
            List<LoadAttempt> present = new ArrayList<>();
            if (!readAll(slot, present)) {
                continue;
            }
            checkNoDuplicateGotIn(slot, present.size());
            if (present.size() > 1) {
                ledger.problem(slot.id + " is held " + present.size() + " times at once: " + present);
            } else if (present.size() == 1) {
                checkStillThere(slot, present.get(0));
            } else {
                checkGone(slot);
            }
        }
        for (LoadAttempt attempt : ledger.attempts()) {
            if (attempt.seen && attempt.status.get() != LoadAttempt.Status.STORED) {
                ledger.problem("the data of " + attempt + " was read, but the add was " + attempt.status.get());
            }
        }
    }

    /** Reads every location of {@code slot}, adding the adds found there to {@code present}; false if one failed. */
    private boolean readAll(LoadSlot slot, List<LoadAttempt> present) {
        boolean readable = true;
        for (Location location : slot.locations) {
            try (ObjectStream stream = store.get(location)) {
                Optional<LoadAttempt> writer = ledger.writerOf(slot, stream.objectSize(), "final read of " + location);
                if (writer.isEmpty()) {
                    readable = false;
                    continue;
                }
                present.add(writer.get());
                writer.get().payload().mismatch(stream)
                        .ifPresent(m -> ledger.problem("final read of " + location + " returned wrong data: " + m));
            } catch (ObjectNotFoundException gone) {
                // not at this location
            } catch (IOException | RuntimeException e) {
                ledger.problem("final read of " + location + " failed: " + LoadLedger.describe(e));
                readable = false;
            }
        }
        return readable;
    }

    /**
     * Every stored add but the one still present must have been removed by its own delete: more stored adds than
     * that means one replaced another (a duplicate got in). Checked once every caller has finished, so the counts
     * are final; counted while callers ran, an add could see the deletes before its own and another add's publish.
     */
    private void checkNoDuplicateGotIn(LoadSlot slot, int present) {
        long mayHaveRemoved = slot.deletesStarted.get() - slot.deletesNotFound.sum();
        long storedAdds = slot.stored.size();
        if (storedAdds > present + mayHaveRemoved) {
            ledger.problem(storedAdds + " adds of " + slot.id + " were stored and " + present + " is still there, but"
                    + " only " + mayHaveRemoved + " deletes can have removed an object (a duplicate got in)");
        }
    }

    /** The object of {@code present} is there at the end: nothing after its add may have replaced or removed it. */
    private void checkStillThere(LoadSlot slot, LoadAttempt present) {
        for (LoadSlot.Delete delete : slot.deletes) {
            if (delete.started() > present.returned) {
                ledger.problem(slot.id + " still holds " + present + ", although a delete that began after that add"
                        + " returned succeeded (a delete that removed nothing)");
                return;
            }
        }
        for (LoadAttempt other : slot.stored) {
            if (other != present && other.started > present.returned) {
                ledger.problem(slot.id + " holds " + present + ", although " + other + ", which began after it"
                        + " returned, was stored too");
                return;
            }
        }
    }

    /** {@code slot} holds nothing at the end: a delete must have ended after its last stored add began. */
    private void checkGone(LoadSlot slot) {
        LoadAttempt last = null;
        for (LoadAttempt attempt : slot.stored) {
            if (last == null || attempt.started > last.started) {
                last = attempt;
            }
        }
        if (last == null) {
            return;
        }
        for (LoadSlot.Delete delete : slot.deletes) {
            if (delete.ended() > last.started) {
                return;
            }
        }
        ledger.problem(slot.id + " is gone, although no delete succeeded after " + last + " began (a lost object)");
    }
}
