package io.stowage.http;

import static java.util.Objects.requireNonNull;

import io.stowage.MalformedResponseException;
import io.stowage.Redaction;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * One response being read: the URI that answered (after redirects), its status and headers,
 * and its body. Closing it returns the connection to the pool when the body was read to its
 * end, and otherwise aborts the connection, so that abandoning a large body never drains it.
 */
final class HttpExchange implements Closeable {
    private static final int SMALL_BODY = 64 * 1024;

    private final URI uri;
    private final HttpUriRequestBase request;
    private final ClassicHttpResponse response;
    private InputStream body;
    private boolean drained;
    private boolean closed;

    HttpExchange(URI uri, HttpUriRequestBase request, ClassicHttpResponse response) {
        this.uri = requireNonNull(uri, "uri is null");
        this.request = requireNonNull(request, "request is null");
        this.response = requireNonNull(response, "response is null");
        // nothing to read: the connection can go back to the pool as it is
        this.drained = response.getEntity() == null || response.getEntity().getContentLength() == 0;
    }

    /** The URI that gave this response. */
    URI uri() {
        return uri;
    }

    /** The URI for messages: no user-info, secret query parameters masked. */
    String shownUri() {
        return Redaction.url(uri.toString());
    }

    int status() {
        return response.getCode();
    }

    /** The value of a header that must appear at most once; several differing values are refused. */
    Optional<String> header(String name) throws MalformedResponseException {
        Header[] headers = response.getHeaders(name);
        if (headers.length == 0) {
            return Optional.empty();
        }
        String first = headers[0].getValue() == null ? "" : headers[0].getValue().trim();
        if (Arrays.stream(headers).anyMatch(header -> !first.equals(header.getValue() == null ? "" : header.getValue().trim()))) {
            throw new MalformedResponseException(shownUri() + " answered with conflicting " + name + " headers");
        }
        return Optional.of(first);
    }

    /** The declared {@code Content-Length}, if any. */
    OptionalLong contentLength() throws MalformedResponseException {
        Optional<String> value = header("Content-Length");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!value.get().matches("\\d{1,18}")) {
            throw new MalformedResponseException(shownUri() + " answered with an invalid Content-Length "
                    + Redaction.quote(value.get()));
        }
        return OptionalLong.of(Long.parseLong(value.get()));
    }

    /**
     * Refuses a body in a content coding ({@code gzip} and the like): its bytes are not the
     * object's. The client never asks for one.
     */
    void requireIdentityEncoding() throws MalformedResponseException {
        Optional<String> encoding = header("Content-Encoding");
        if (encoding.isPresent() && !encoding.get().isEmpty()
                && !encoding.get().toLowerCase(Locale.ROOT).equals("identity")) {
            throw new MalformedResponseException(shownUri() + " answered with Content-Encoding "
                    + Redaction.quote(encoding.get()) + " although none was asked for");
        }
    }

    /** The body; an empty stream when the response has none. */
    InputStream body() throws IOException {
        if (body == null) {
            HttpEntity entity = response.getEntity();
            body = entity == null ? InputStream.nullInputStream() : entity.getContent();
        }
        return body;
    }

    /** Marks the body as read to its end, so that closing keeps the connection. */
    void markDrained() {
        drained = true;
    }

    /**
     * Reads and drops a body known to be small (an error page, a 1-byte range), so that the
     * connection can be reused; a larger or unknown body is left for {@link #close} to abort.
     */
    void discardSmallBody() {
        try {
            OptionalLong length = contentLength();
            if (drained || length.isEmpty() || length.getAsLong() > SMALL_BODY) {
                return;
            }
            InputStream in = body();
            byte[] buffer = new byte[8192];
            while (in.read(buffer) >= 0) {
                // dropped
            }
            drained = true;
        } catch (IOException e) {
            // the connection is aborted on close instead
        }
    }

    /** Aborts the connection; any read in progress fails. */
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
            // releasing a connection that is being discarded anyway
        }
    }
}
