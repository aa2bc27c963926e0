package io.stowage.image.service.api;

import io.stowage.ByteRange;
import io.stowage.InvalidLocationException;
import io.stowage.InvalidRangeException;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.ImageData;
import io.stowage.image.service.registry.ImageLocation;
import io.stowage.image.service.registry.ImageStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v2/images/{id}/file}: streams the image data from the first of its locations that
 * works (an image with copies in several stores is served while one is missing or down). The whole data comes
 * with {@code Content-MD5} (the hex {@code checksum}, as Glance sends it); a {@code Range} gets
 * 206 and {@code Content-Range}. An image without data answers 204, a deactivated one 403 to all
 * but admins. A store failing before the first byte is a 503; after it, the connection is cut so
 * that the client sees a short body, never a wrong one.
 */
final class ImageDownloads {
    private static final Logger LOG = LoggerFactory.getLogger(ImageDownloads.class);
    private final ServiceParts parts;

    ImageDownloads(ServiceParts parts) {
        this.parts = parts;
    }

    void download(Caller caller, String id, Request request, Response response, Callback callback) throws ApiException {
        download(caller, id, request, response, callback, (image, headers) -> { });
    }

    /** The download, with headers about the image that {@code describe} adds (the v1 API's). */
    void download(Caller caller, String id, Request request, Response response, Callback callback,
            BiConsumer<Image, HttpFields.Mutable> describe) throws ApiException {
        Image image = parts.registry().find(id).filter(found -> caller.canSee(found, parts.registry().members())).orElseThrow(() -> ApiException.imageNotFound(id));
        if (image.status() == ImageStatus.DEACTIVATED && !caller.admin()) {
            throw ApiException.forbidden("Image " + id + " is deactivated; its data cannot be downloaded");
        }
        Optional<ImageData> data = image.data();
        if (data.isEmpty()) {
            describe.accept(image, response.getHeaders());
            Responses.empty(response, callback, 204);
            return;
        }
        Optional<ByteRange> range = ByteRangeHeader.parse(request.getHeaders().get(HttpHeader.RANGE), data.get().size());
        ObjectStream stream = open(id, data.get().locations(), range.orElse(ByteRange.ALL));
        try (stream) {
            describe.accept(image, response.getHeaders());
            response.setStatus(range.isPresent() ? 206 : 200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, stream.length());
            response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
            if (range.isPresent()) {
                response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes " + stream.offset() + "-"
                        + (stream.offset() + stream.length() - 1) + "/" + stream.objectSize());
            } else {
                response.getHeaders().put("Content-MD5", data.get().checksum());
            }
            OutputStream out = Content.Sink.asOutputStream(response);
            stream.transferTo(out);
            out.close();
            callback.succeeded();
        } catch (IOException | RuntimeException e) {
            // Headers may be out: failing the callback makes Jetty cut the connection, never finish it short.
            callback.failed(e);
        }
    }

    /** Opens the first location that works; the first one's failure when none does. */
    private ObjectStream open(String id, List<ImageLocation> locations, ByteRange range) throws ApiException {
        ApiException first = null;
        for (ImageLocation stored : locations) {
            try {
                return parts.stores().open(stored, range);
            } catch (InvalidRangeException e) {
                // the same range fails at every copy
                throw StoreErrors.forDownload(id, e);
            } catch (IOException e) {
                ApiException failure = failure(id, e);
                if (locations.size() > 1) {
                    LOG.warn("Image {}: its location {} failed ({}); trying the next", id, stored.url(), e.toString());
                }
                first = first == null ? failure : first;
            }
        }
        throw first;
    }

    private static ApiException failure(String id, IOException e) {
        if (e instanceof InvalidLocationException) {
            return new ApiException(503, "The location of image " + id + " is not served by any configured store");
        }
        if (e instanceof StoreException store) {
            return StoreErrors.forDownload(id, store);
        }
        return new ApiException(503, "The store of image " + id + " is unavailable");
    }
}
