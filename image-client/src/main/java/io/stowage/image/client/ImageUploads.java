package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import io.stowage.BackendUnavailableException;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;

/**
 * {@code PUT /v2/images/{id}/file} with failover, retried only where it cannot have been applied.
 * The service moves an image from {@code queued} to {@code saving} in one conditional update, so a
 * second upload to an image that took one is refused with 409, never applied twice. A connection
 * that was never made is retried at once; after any other failure (a timeout, a broken
 * connection, a 503) the next attempt first asks the next server for the image: still
 * {@code queued}, the upload was not applied and is sent again; {@code active} with the size and
 * MD5 of what this client sent, it was (the answer was lost); {@code saving}, the broken upload
 * may still be ending on its server, so the server after it is asked again after a pause, as long
 * as retries are left; anything else ends the upload with the image as it is. Data from a stream
 * is sent again only if none of it was read.
 */
final class ImageUploads {
    private final ApiHttp http;
    private final FailoverCalls calls;

    ImageUploads(ApiHttp http, FailoverCalls calls) {
        this.http = requireNonNull(http, "http is null");
        this.calls = requireNonNull(calls, "calls is null");
    }

    void upload(String id, UploadData data, Optional<String> store) throws StoreException {
        String what = "upload the data of image " + id;
        AtomicReference<SentBody> lastSent = new AtomicReference<>();
        calls.call(what, (server, earlierMayHaveApplied) -> {
            SentBody previous = lastSent.get();
            if (previous != null && previous.bytes() > 0 && !data.rereadable()) {
                throw new BackendUnavailableException("Cannot " + what + ": an attempt failed after sending "
                        + previous.bytes() + " bytes read from " + data + ", which cannot be read again; the image is left"
                        + " as the service has it");
            }
            if (earlierMayHaveApplied && appliedEarlier(server, id, previous, what)) {
                return null;
            }
            try (InputStream source = data.open()) {
                SentBody body = new SentBody(source, data.size());
                lastSent.set(body);
                // Expect: 100-continue lets a refusal (413 over the cap, 409) arrive before the body is sent
                ApiRequest request = ApiRequest.of("PUT", ImageClient.imagePath(id) + "/file")
                        .header("Expect", "100-continue")
                        .body(new InputStreamEntity(body, data.size().orElse(-1), ContentType.APPLICATION_OCTET_STREAM));
                store.ifPresent(name -> request.header("X-Image-Meta-Store", name));
                try (ApiExchange answer = http.send(server, request)) {
                    if (answer.status() / 100 != 2) {
                        throw ApiStatusException.of(answer);
                    }
                    return null;
                }
            }
        });
    }

    /**
     * After an attempt that may have been applied: whether it was (the image is active with what
     * was sent); false when the image is still queued and the upload can be sent again.
     *
     * @throws StoreException when the image is in any other state
     * @throws IOException when {@code server} cannot tell, or the image is still saving (the next
     *     server is asked after a pause)
     */
    private boolean appliedEarlier(URI server, String id, SentBody sent, String what) throws IOException {
        Image image;
        try (ApiExchange answer = http.send(server, ApiRequest.of("GET", ImageClient.imagePath(id)))) {
            if (answer.status() != 200) {
                throw ApiStatusException.of(answer);
            }
            image = Documents.image(answer, "show image " + id);
        }
        switch (image.status()) {
            case "queued" -> {
                return false;
            }
            case "active" -> {
                if (sent != null && sent.md5().isPresent() && image.size().orElse(-1) == sent.bytes()
                        && image.checksum().equals(sent.md5())) {
                    return true;
                }
                throw new ObjectAlreadyExistsException("Cannot " + what + ": the answer to an earlier attempt was lost"
                        + " and the image is now active with other data (" + image.size().orElse(-1) + " bytes, checksum "
                        + image.checksum().orElse("none") + ")");
            }
            case "saving" -> throw new IOException("image " + id + " is still saving after an attempt broke off: its"
                    + " upload is still ending, or running on a server that stopped answering; not sent again yet");
            default -> throw new ObjectAlreadyExistsException("Cannot " + what + ": an earlier attempt broke off and the"
                    + " image is now " + image.status());
        }
    }
}
