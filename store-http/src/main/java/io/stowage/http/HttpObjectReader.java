package io.stowage.http;

import static java.util.Objects.requireNonNull;

import io.stowage.ByteRange;
import io.stowage.IntegrityException;
import io.stowage.Location;
import io.stowage.MalformedResponseException;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import io.stowage.support.ContentRange;
import io.stowage.support.ResumingInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.MalformedChunkCodingException;

/**
 * Reads objects over HTTP: their size (HEAD, or a one-byte ranged GET when HEAD is refused or
 * gives no length) and their bytes (a GET with {@code Range} when only part is wanted). Never
 * returns wrong or short data: a server that ignores {@code Range} is read from its 200 body
 * after skipping to the offset, a 206 for other bytes than asked is refused, and a body that
 * breaks off is resumed ({@link ResumingInputStream}, up to {@code retries} breaks in a row
 * without progress, each answer pinned to the first one's {@link ObjectVersion}).
 */
final class HttpObjectReader implements Closeable {
    /** HEAD answers that mean "ask with GET instead" (405, 501; 403 for URLs signed for GET only). */
    private static final Set<Integer> HEAD_REFUSED = Set.of(403, 405, 501);

    /**
     * An opened body: bytes {@code [start, end)} of the object come from {@code exchange}
     * (none when there is nothing to read, as at the end of the object).
     */
    record Opened(Optional<HttpExchange> exchange, ObjectVersion version, long start, long end)
            implements ResumingInputStream.Body {
        Opened {
            requireNonNull(exchange, "exchange is null");
            requireNonNull(version, "version is null");
        }

        /** The body's bytes; the client's signs of a body that ended before its length are an {@link EOFException}. */
        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (exchange.isEmpty()) {
                return -1;
            }
            try {
                return exchange.get().body().read(buffer, offset, length);
            } catch (ConnectionClosedException | MalformedChunkCodingException e) { // TruncatedChunkException is one
                EOFException early = new EOFException(e.getMessage());
                early.initCause(e);
                throw early;
            }
        }

        /** Read to its end: the connection can serve another request. */
        @Override
        public void finish() {
            exchange.ifPresent(HttpExchange::markDrained);
            close();
        }

        @Override
        public void abort() {
            close();
        }

        void close() {
            exchange.ifPresent(HttpExchange::close);
        }
    }

    private final HttpExchanges exchanges;
    private final int retries;

    /**
     * @param names the resolver asked for host names (the system's, but for tests)
     */
    HttpObjectReader(HttpStoreConfig config, DnsResolver names, String subject) throws StoreException {
        this.exchanges = new HttpExchanges(config, names, subject);
        this.retries = config.retries();
    }

    HostRules rules() {
        return exchanges.rules();
    }

    int leasedConnections() {
        return exchanges.leasedConnections();
    }

    /** The size of the object at {@code location}. */
    long size(Location location) throws StoreException {
        try (HttpExchange head = exchanges.send(location, HttpExchanges.Request.head(HEAD_REFUSED))) {
            if (head.status() == 200) {
                head.requireIdentityEncoding();
                OptionalLong length = head.contentLength();
                if (length.isPresent()) {
                    return length.getAsLong();
                }
            } else if (!HEAD_REFUSED.contains(head.status())) {
                throw unexpected(location, head);
            }
        }
        return sizeFromRangedGet(location);
    }

    private long sizeFromRangedGet(Location location) throws StoreException {
        HttpExchanges.Request request = HttpExchanges.Request.get(Optional.of("bytes=0-0"), Optional.empty(), Set.of(416));
        try (HttpExchange get = exchanges.send(location, request)) {
            get.requireIdentityEncoding();
            switch (get.status()) {
                case 206 -> {
                    ContentRange range = satisfiedRange(get);
                    get.discardSmallBody();
                    return range.total().orElseThrow(() -> noSize(location, get));
                }
                case 200 -> {
                    return get.contentLength().orElseThrow(() -> noSize(location, get));
                }
                case 416 -> {
                    // only an empty object cannot satisfy bytes=0-0
                    OptionalLong total = unsatisfiedTotal(get);
                    get.discardSmallBody();
                    return total.orElse(0);
                }
                default -> throw unexpected(location, get);
            }
        }
    }

    /** Opens a read of {@code range}; see {@link io.stowage.Store#get}. */
    ObjectStream read(Location location, ByteRange range) throws StoreException {
        long offset = range.offset();
        if (range.length().isPresent() && range.length().getAsLong() == 0) {
            long size = size(location);
            range.lengthWithin(size, location);
            return new ObjectStream(InputStream.nullInputStream(), location, size, offset, 0);
        }
        OptionalLong end = range.length().isPresent() && offset <= Long.MAX_VALUE - range.length().getAsLong()
                ? OptionalLong.of(offset + range.length().getAsLong())
                : OptionalLong.empty();
        Opened opened = open(location, offset, end, Optional.empty());
        try {
            long size = opened.version().size();
            long length = range.lengthWithin(size, location);
            if (length == 0) {
                opened.close();
                return new ObjectStream(InputStream.nullInputStream(), location, size, offset, 0);
            }
            ObjectVersion version = opened.version();
            ResumingInputStream.Opener again = (from, to) ->
                    open(location, from, OptionalLong.of(to), Optional.of(version));
            return new ObjectStream(new ResumingInputStream(location.toString(), again, opened, offset, offset + length,
                    ResumingInputStream.Limit.inARowWithoutProgress(retries), exchanges.backoff()),
                    location, size, offset, length);
        } catch (StoreException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /**
     * Opens bytes from {@code position} (to {@code end}, exclusive, or to the end of the
     * object). With {@code expected}, the answer must come from that version of the object.
     */
    Opened open(Location location, long position, OptionalLong end, Optional<ObjectVersion> expected)
            throws StoreException {
        Optional<String> range = position == 0 && end.isEmpty()
                ? Optional.empty()
                : Optional.of("bytes=" + position + "-" + (end.isPresent() ? Long.toString(end.getAsLong() - 1) : ""));
        Optional<String> ifRange = range.isPresent() ? expected.flatMap(ObjectVersion::ifRangeValidator) : Optional.empty();
        HttpExchange exchange = exchanges.send(location, HttpExchanges.Request.get(range, ifRange, Set.of(416)));
        try {
            exchange.requireIdentityEncoding();
            return switch (exchange.status()) {
                case 200 -> whole(location, exchange, position, expected);
                case 206 -> partial(location, exchange, position, expected);
                case 416 -> unsatisfiable(location, exchange, position, expected);
                default -> throw unexpected(location, exchange);
            };
        } catch (StoreException | RuntimeException e) {
            exchange.close();
            throw e;
        }
    }

    /** A 200: the whole object, from which the reader skips to {@code position}. */
    private Opened whole(Location location, HttpExchange exchange, long position, Optional<ObjectVersion> expected)
            throws StoreException {
        OptionalLong length = exchange.contentLength();
        long size = length.isPresent() ? length.getAsLong() : knownSize(location, expected);
        ObjectVersion version = checked(ObjectVersion.of(exchange, size), expected, location);
        ByteRange.from(position).lengthWithin(size, location);
        return new Opened(Optional.of(exchange), version, 0, size);
    }

    /** A 206: exactly the bytes named by its Content-Range, which must start at {@code position}. */
    private Opened partial(Location location, HttpExchange exchange, long position, Optional<ObjectVersion> expected)
            throws StoreException {
        String type = exchange.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/byteranges")) {
            throw new MalformedResponseException(exchange.shownUri() + " answered a single range with several (multipart)");
        }
        ContentRange range = satisfiedRange(exchange);
        if (range.first() != position) {
            throw new MalformedResponseException(exchange.shownUri() + " sent bytes from " + range.first()
                    + " when bytes from " + position + " were asked for (reading " + location + ")");
        }
        OptionalLong length = exchange.contentLength();
        if (length.isPresent() && length.getAsLong() != range.length()) {
            throw new MalformedResponseException(exchange.shownUri() + " sent a Content-Length of " + length.getAsLong()
                    + " for a Content-Range of " + range.length() + " bytes (reading " + location + ")");
        }
        long size = range.total().isPresent() ? range.total().getAsLong() : knownSize(location, expected);
        if (range.last() >= size) {
            throw new MalformedResponseException(exchange.shownUri() + " sent bytes up to " + range.last()
                    + " of an object of " + size + " bytes (reading " + location + ")");
        }
        ObjectVersion version = checked(ObjectVersion.of(exchange, size), expected, location);
        return new Opened(Optional.of(exchange), version, position, range.last() + 1);
    }

    /** A 416: fine when {@code position} is the end of the object, else a range error. */
    private Opened unsatisfiable(Location location, HttpExchange exchange, long position,
            Optional<ObjectVersion> expected) throws StoreException {
        OptionalLong total = unsatisfiedTotal(exchange);
        exchange.discardSmallBody();
        exchange.close();
        long size = total.isPresent() ? total.getAsLong() : knownSize(location, expected);
        ObjectVersion version = checked(new ObjectVersion(size, Optional.empty(), Optional.empty()),
                expected.map(e -> new ObjectVersion(e.size(), Optional.empty(), Optional.empty())), location);
        ByteRange.from(position).lengthWithin(size, location);
        if (position != size) {
            throw new MalformedResponseException(exchange.shownUri() + " refused the satisfiable range from byte "
                    + position + " of " + size + " (reading " + location + ")");
        }
        return new Opened(Optional.empty(), version, position, position);
    }

    private long knownSize(Location location, Optional<ObjectVersion> expected) throws StoreException {
        return expected.isPresent() ? expected.get().size() : size(location);
    }

    private static ObjectVersion checked(ObjectVersion version, Optional<ObjectVersion> expected, Location location)
            throws IntegrityException {
        if (expected.isPresent()) {
            expected.get().requireSame(version, location);
        }
        return version;
    }

    private static ContentRange satisfiedRange(HttpExchange exchange) throws MalformedResponseException {
        String answer = exchange.shownUri() + " answered 206";
        return ContentRange.parse(exchange.header("Content-Range").orElse(null), answer)
                .orElseThrow(() -> new MalformedResponseException(answer + " with no Content-Range"));
    }

    /** The object's size named by a 416 answer, when it names one. */
    private static OptionalLong unsatisfiedTotal(HttpExchange exchange) throws MalformedResponseException {
        return ContentRange.parseUnsatisfied(exchange.header("Content-Range").orElse(null),
                exchange.shownUri() + " answered 416");
    }

    private static MalformedResponseException noSize(Location location, HttpExchange exchange) {
        return new MalformedResponseException("Cannot tell the size of " + location + ": " + exchange.shownUri()
                + " sends neither a Content-Length nor a Content-Range total");
    }

    private static StoreException unexpected(Location location, HttpExchange exchange) {
        exchange.discardSmallBody();
        exchange.close();
        return new StoreException("Unexpected answer HTTP " + exchange.status() + " from " + exchange.shownUri()
                + " reading " + location);
    }

    @Override
    public void close() throws IOException {
        exchanges.close();
    }
}
