package io.stowage.tck;

import io.stowage.BackendUnavailableException;
import io.stowage.IntegrityException;
import io.stowage.InvalidIdException;
import io.stowage.InvalidLocationException;
import io.stowage.InvalidRangeException;
import io.stowage.NotSupportedException;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectNotFoundException;
import io.stowage.OperationInterruptedException;
import io.stowage.SizeLimitExceededException;
import io.stowage.StorageFullException;
import io.stowage.StoreException;
import java.util.List;

/** Names the member of the error family an exception belongs to, so outcomes of two stores compare. */
final class StoreErrors {
    private static final List<Class<? extends Exception>> FAMILY = List.of(
            ObjectNotFoundException.class, ObjectAlreadyExistsException.class, NotSupportedException.class,
            InvalidRangeException.class, InvalidIdException.class, InvalidLocationException.class,
            SizeLimitExceededException.class, StorageFullException.class, IntegrityException.class,
            BackendUnavailableException.class, OperationInterruptedException.class, StoreException.class);

    private StoreErrors() {}

    /** {@code ObjectNotFound}, {@code InvalidLocation}, ...; for exceptions outside the family their class name. */
    static String kind(Exception e) {
        for (Class<? extends Exception> member : FAMILY) {
            if (member.isInstance(e)) {
                return member.getSimpleName().replace("Exception", "");
            }
        }
        return e.getClass().getName() + ": " + e.getMessage();
    }
}
