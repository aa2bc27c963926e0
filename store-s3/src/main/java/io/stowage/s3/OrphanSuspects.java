package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * The uploads one add may have created without knowing it: a CreateMultipartUpload whose answer
 * was lost may have created an upload whose id never reached the add. S3 cannot name the creator
 * of an upload, so the uploads of the add's key that were initiated since that attempt began
 * are suspects; they are aborted only when that cannot change the outcome of another writer:
 * after the add's own commit (with conditional writes, no upload of the key begun before it can
 * be completed any more) and only while they have no part (the lost upload never got one, since
 * its id was never known; an upload with parts is someone else's live one). Otherwise they are
 * left, with a warning, to the sweep of stale uploads or the bucket's lifecycle rule.
 */
final class OrphanSuspects {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanSuspects.class);
    /** S3's Date header and some servers' Initiated values are whole seconds. */
    private static final Duration CLOCK_RESOLUTION = Duration.ofSeconds(1);

    private final S3Client client;
    private final S3Address address;
    private final Set<String> suspects = new LinkedHashSet<>();
    private boolean unnamed;

    OrphanSuspects(S3Client client, S3Address address) {
        this.client = requireNonNull(client, "client is null");
        this.address = requireNonNull(address, "address is null");
    }

    /**
     * Records the uploads of the key initiated since an attempt that began {@code began} (a
     * {@link System#nanoTime()}) and may have created one. The server's clock is read from the
     * listing's Date header and taken back by the local time passed since, so clocks need not agree.
     */
    void noteSince(long began) {
        ListMultipartUploadsResponse listing;
        try {
            listing = client.listMultipartUploads(request -> request.bucket(address.bucket()).prefix(address.key()));
        } catch (RuntimeException e) {
            unnamed = true;
            return;
        }
        Optional<Instant> serverNow = ServerClock.of(listing);
        if (serverNow.isEmpty() || Boolean.TRUE.equals(listing.isTruncated())) {
            unnamed = true;
            return;
        }
        Instant since = serverNow.get().minusNanos(System.nanoTime() - began).minus(CLOCK_RESOLUTION);
        for (MultipartUpload upload : listing.uploads()) {
            if (address.key().equals(upload.key()) && upload.initiated() != null && !upload.initiated().isBefore(since)) {
                suspects.add(upload.uploadId());
            }
        }
    }

    /** Aborts the suspects that are still empty, now that the add committed its object with a conditional write. */
    void settleAfterCommit(String ours, boolean conditionalWrites) {
        for (String uploadId : suspects) {
            if (uploadId.equals(ours)) {
                continue;
            }
            if (!conditionalWrites) {
                LOG.warn("An upload of {} may be left by a lost answer to its creation; without conditional writes it"
                        + " could still be completed, so it is left to the sweep of stale uploads", address);
                continue;
            }
            try {
                if (client.listParts(request -> request.bucket(address.bucket()).key(address.key()).uploadId(uploadId))
                        .parts().isEmpty()) {
                    client.abortMultipartUpload(request -> request.bucket(address.bucket()).key(address.key())
                            .uploadId(uploadId));
                    LOG.info("Aborted an upload of {} left by a lost answer to its creation", address);
                }
            } catch (RuntimeException e) {
                LOG.warn("An upload of {} left by a lost answer to its creation could not be aborted ({}); the sweep of"
                        + " stale uploads removes it", address, e.getClass().getSimpleName());
            }
        }
        warnIfUnnamed();
    }

    /** The add failed: another writer may still complete a suspect, so they are left to the sweep. */
    void settleAfterFailure() {
        if (!suspects.isEmpty()) {
            LOG.warn("{} upload(s) of {} may be left by a lost answer to their creation; the add failed, so they are"
                    + " left to the sweep of stale uploads", suspects.size(), address);
        }
        warnIfUnnamed();
    }

    private void warnIfUnnamed() {
        if (unnamed) {
            LOG.warn("An upload of {} may be left by a lost answer to its creation and could not be named; the sweep of"
                    + " stale uploads removes it", address);
        }
    }
}
