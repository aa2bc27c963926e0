package io.stowage.image.service.api;

import io.stowage.ByteRange;
import io.stowage.InvalidLocationException;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.ImageData;
import io.stowage.image.service.registry.ImageLocation;
import io.stowage.image.service.registry.ImageStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /v2/images/{id}/file}: streams the image data from its store. The whole data comes
 * with {@code Content-MD5} (the hex {@code checksum}, as Glance sends it); a {@code Range} gets
 * 206 and {@code Content-Range}. An image without data answers 204, a deactivated one 403 to all
 * but admins. A store failing before the first byte is a 503; after it, the connection is cut so
 * that the client sees a short body, never a wrong one.
 */
final class ImageDownloads {
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
        ObjectStream stream = open(id, data.get().locations().get(0), range.orElse(ByteRange.ALL));
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

    private ObjectStream open(String id, ImageLocation stored, ByteRange range) throws ApiException {
        try {
            return parts.stores().open(stored, range);
        } catch (InvalidLocationException e) {
            throw new ApiException(503, "The location of image " + id + " is not served by any configured store");
        } catch (StoreException e) {
            throw StoreErrors.forDownload(id, e);
        } catch (IOException e) {
            throw new ApiException(503, "The store of image " + id + " is unavailable");
        }
    }
}
