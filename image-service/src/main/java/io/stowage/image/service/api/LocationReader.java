package io.stowage.image.service.api;

import io.stowage.ByteRange;
import io.stowage.ChecksumAlgorithm;
import io.stowage.InvalidLocationException;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import io.stowage.image.service.registry.ImageData;
import io.stowage.image.service.registry.ImageLocation;
import io.stowage.image.service.upload.ParallelDigests;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads data that lives at a location the service did not write (a registered v1 location, a
 * copy an admin adds to an image) once, through the store that serves it, to learn what the
 * image's record must say: its size, MD5 {@code checksum} and {@code os_hash}. Memory stays
 * bounded (the digests' chunks); data past the size cap is refused.
 */
final class LocationReader {
    private static final int DIGEST_CHUNK = 1024 * 1024;
    private static final int DIGEST_CHUNKS = 4;

    private final ServiceParts parts;

    LocationReader(ServiceParts parts) {
        this.parts = parts;
    }

    /**
     * The data at {@code location}, checked against a declared size (or -1) and MD5.
     *
     * @throws ApiException 400 for a location without data or data that does not match what was
     *     declared, 413 past the size cap, 503 when its store is unavailable
     */
    ImageData read(String id, ImageLocation location, long declared, Optional<String> expectedMd5) throws ApiException {
        ChecksumAlgorithm hash = parts.config().hash();
        long cap = parts.config().sizeCap();
        long size = 0;
        Map<ChecksumAlgorithm, String> values;
        try (ObjectStream stream = parts.stores().open(location, ByteRange.ALL)) {
            if (stream.objectSize() > cap) {
                throw new ApiException(413, "The data at the location of image " + id + " exceeds the size cap");
            }
            ParallelDigests digests = new ParallelDigests(EnumSet.of(ChecksumAlgorithm.MD5, hash), DIGEST_CHUNK,
                    DIGEST_CHUNKS, parts.digestThreads());
            try (InputStream in = digests.wrap(stream)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    size += n;
                }
                values = digests.finish();
            } catch (IOException | RuntimeException e) {
                digests.abort();
                throw e;
            }
        } catch (InvalidLocationException e) {
            throw ApiException.badRequest("The location of image " + id + " is refused: no configured store serves it");
        } catch (ObjectNotFoundException e) {
            throw ApiException.badRequest("There is no data at the location of image " + id);
        } catch (StoreException e) {
            throw new ApiException(503, "The store of the location of image " + id + " is unavailable");
        } catch (IOException e) {
            throw new ApiException(503, "The data at the location of image " + id + " could not be read");
        }
        String md5 = values.get(ChecksumAlgorithm.MD5);
        if (declared >= 0 && declared != size) {
            throw ApiException.badRequest("The data at the location of image " + id + " has " + size
                    + " bytes, not the declared " + declared);
        }
        if (expectedMd5.isPresent() && !expectedMd5.get().equalsIgnoreCase(md5)) {
            throw ApiException.badRequest("The data at the location of image " + id + " has MD5 " + md5
                    + ", not the declared " + ListParameters.quote(expectedMd5.get()));
        }
        return new ImageData(size, md5, hash.id(), values.get(hash), List.of(location));
    }
}
