package io.stowage.image.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes the service's responses: JSON documents, empty statuses and one-line errors. */
final class Responses {
    private Responses() {}

    static void json(Response response, Callback callback, int status, JsonNode document) {
        bytes(response, callback, status, JsonBodies.write(document));
    }

    static void bytes(Response response, Callback callback, int status, byte[] json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=UTF-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, ByteBuffer.wrap(json), callback);
    }

    static void empty(Response response, Callback callback, int status) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        response.write(true, null, callback);
    }

    /** The most of an unread body an error answer waits for, so that its connection stays usable. */
    private static final long SKIPPED_BODY_LIMIT = 1024 * 1024;

    /**
     * The error's status and its one-line reason as text, as Glance answers errors. A body its
     * client still withholds ({@code Expect: 100-continue}, and the request was refused before its
     * body was opened) is not asked for: the answer goes at once, so the client reads it instead of
     * sending the body, and the connection ends after it (the client may still send the body after
     * waiting long enough). What an error left unread of any other body is skipped first, up to
     * {@link #SKIPPED_BODY_LIMIT} bytes, declared or chunked: a client that sends its body without
     * waiting (python-requests does) would otherwise find the connection closed under its writes
     * and get a reset instead of the answer. When more is to come the answer says
     * {@code Connection: close}: the server closes the connection after it, and a client must not
     * send its next request on it.
     */
    static void error(Request request, Response response, Callback callback, ApiException error) {
        if (response.isCommitted()) {
            callback.failed(error);
            return;
        }
        response.reset();
        // a withheld body is never asked for; any other is skipped up to the limit, and if more is to come, the connection ends
        boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (hasBody && (RequestBodies.withheld(request) || !skippedWhole(request))) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.setStatus(error.status());
        for (Map.Entry<String, String> header : error.headers().entrySet()) {
            response.getHeaders().put(header.getKey(), header.getValue());
        }
        byte[] body = (error.status() + " " + reason(error.status()) + ": " + error.getMessage() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=UTF-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * Reads and drops the rest of the body, declared or chunked, while it stays within
     * {@link #SKIPPED_BODY_LIMIT}; false when more is to come or the body was cut.
     */
    private static boolean skippedWhole(Request request) {
        byte[] sink = new byte[16 * 1024];
        long skipped = 0;
        try (InputStream rest = RequestBodies.open(request)) {
            for (int n = rest.read(sink); n >= 0; n = rest.read(sink)) {
                skipped += n;
                if (skipped > SKIPPED_BODY_LIMIT) {
                    return false;
                }
            }
            return true;
        } catch (IOException cut) {
            return false;
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Requested Range Not Satisfiable";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
