package io.stowage.image.service.api;

import io.stowage.BackendUnavailableException;
import io.stowage.IntegrityException;
import io.stowage.InvalidRangeException;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectNotFoundException;
import io.stowage.SizeLimitExceededException;
import io.stowage.StorageFullException;
import io.stowage.StoreException;

/** Glance's statuses for what a store reports during an upload or a download. */
final class StoreErrors {
    private StoreErrors() {}

    static ApiException forUpload(String id, String store, StoreException e) {
        if (e instanceof SizeLimitExceededException) {
            return new ApiException(413, "The data of image " + id + " exceeds the size cap");
        }
        if (e instanceof StorageFullException) {
            return new ApiException(413, "Store '" + store + "' has no room for image " + id);
        }
        if (e instanceof IntegrityException) {
            return ApiException.badRequest("The data of image " + id + " does not match its declared size");
        }
        if (e instanceof ObjectAlreadyExistsException) {
            return ApiException.conflict("Store '" + store + "' already holds data for image " + id
                    + " (left by an upload the service did not finish)");
        }
        return new ApiException(503, "Store '" + store + "' is unavailable: the upload of image " + id + " failed"
                + (e instanceof BackendUnavailableException ? " (backend unavailable)" : ""));
    }

    static ApiException forDownload(String id, StoreException e) {
        if (e instanceof ObjectNotFoundException) {
            return ApiException.notFound("The data of image " + id + " is missing from its store");
        }
        if (e instanceof InvalidRangeException) {
            return new ApiException(416, "The range is outside the data of image " + id);
        }
        return new ApiException(503, "The store of image " + id + " is unavailable");
    }
}
