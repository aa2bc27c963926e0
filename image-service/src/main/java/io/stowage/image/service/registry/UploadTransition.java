package io.stowage.image.service.registry;

import static java.util.Objects.requireNonNull;

/**
 * The statuses an upload moves its image through: it takes the image in {@code from}, holds it in
 * {@code during} while the data streams, and leaves it {@code active} on success or
 * {@code failed} on failure (also when its node dies and recovery ends it).
 */
public record UploadTransition(ImageStatus from, ImageStatus during, ImageStatus failed) {
    /** {@code PUT /v2/images/{id}/file}. */
    public static final UploadTransition UPLOAD = new UploadTransition(ImageStatus.QUEUED, ImageStatus.SAVING, ImageStatus.QUEUED);
    /** The seed's v1 upload: a failure kills the image. */
    public static final UploadTransition V1_UPLOAD = new UploadTransition(ImageStatus.QUEUED, ImageStatus.SAVING, ImageStatus.KILLED);
    /** {@code PUT /v2/images/{id}/stage}: the data waits in the staging store, the image stays {@code uploading}. */
    public static final UploadTransition STAGE = new UploadTransition(ImageStatus.QUEUED, ImageStatus.UPLOADING, ImageStatus.QUEUED);
    /** The {@code glance-direct} import of staged data. */
    public static final UploadTransition GLANCE_DIRECT = new UploadTransition(ImageStatus.UPLOADING, ImageStatus.IMPORTING, ImageStatus.QUEUED);
    /** The {@code web-download} import of a URL. */
    public static final UploadTransition WEB_DOWNLOAD = new UploadTransition(ImageStatus.QUEUED, ImageStatus.IMPORTING, ImageStatus.QUEUED);

    public UploadTransition {
        requireNonNull(from, "from is null");
        requireNonNull(during, "during is null");
        requireNonNull(failed, "failed is null");
    }
}
