package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;

/**
 * One answer of an API server being read. Closing it gives the connection back to the pool when
 * the body was read to its end and drops it otherwise, so that abandoning a large body (an image
 * whose server broke) never drains it.
 */
final class ApiExchange implements AutoCloseable {
    /** How much of an error body is read for its message. */
    private static final int REASON_BYTES = 2048;

    private final URI server;
    private final HttpUriRequestBase request;
    private final ClassicHttpResponse response;
    private boolean drained;
    private boolean closed;

    ApiExchange(URI server, HttpUriRequestBase request, ClassicHttpResponse response) {
        this.server = requireNonNull(server, "server is null");
        this.request = requireNonNull(request, "request is null");
        this.response = requireNonNull(response, "response is null");
        this.drained = response.getEntity() == null;
    }

    /** The server that answered. */
    URI server() {
        return server;
    }

    int status() {
        return response.getCode();
    }

    Optional<String> header(String name) {
        Header header = response.getFirstHeader(name);
        return header == null || header.getValue() == null ? Optional.empty() : Optional.of(header.getValue().strip());
    }

    /** The body; an empty stream when there is none. Reading it to its end keeps the connection. */
    InputStream body() throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return InputStream.nullInputStream();
        }
        InputStream content = entity.getContent();
        return new InputStream() {
            @Override
            public int read() throws IOException {
                int b = content.read();
                drained |= b < 0;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = content.read(buffer, offset, length);
                drained |= n < 0;
                return n;
            }
        };
    }

    /** The start of the body as one line of text, for an error message. */
    String reason() {
        try (InputStream in = body()) {
            String text = new String(in.readNBytes(REASON_BYTES), StandardCharsets.UTF_8).strip();
            return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
        } catch (IOException e) {
            return "";
        }
    }

    /** Drops the connection; a read in progress fails. */
    void abort() {
        request.cancel();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!drained) {
            request.cancel();
        }
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            // the connection is being dropped anyway
        }
    }
}
