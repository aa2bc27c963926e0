package io.stowage.tck.net;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.BackendUnavailableException;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.InvalidLocationException;
import io.stowage.InvalidRangeException;
import io.stowage.Location;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectNotFoundException;
import io.stowage.ObjectStream;
import io.stowage.Store;
import io.stowage.StoreException;
import io.stowage.StoredObject;
import io.stowage.support.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.util.EnumSet;
import java.util.Set;

/**
 * The client side of the TCK's own network backend: a store that talks HTTP to a
 * {@link LoopbackHttpServer} (through the fault proxy). One connection per request, a
 * connect and read timeout, no retries: a broken connection is a
 * {@link BackendUnavailableException}, a short body an {@link io.stowage.IntegrityException}
 * (from {@link ObjectStream}).
 */
final class LoopbackHttpStore implements Store {
    static final String SCHEME = "loophttp";

    /** How the self-test breaks the client. */
    enum Defect { NONE, NO_TIMEOUTS, UNREACHABLE_IS_NOT_FOUND }

    private final InetSocketAddress endpoint;
    private final int timeoutMillis;
    private final Defect defect;

    LoopbackHttpStore(InetSocketAddress endpoint, int timeoutMillis, Defect defect) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.timeoutMillis = timeoutMillis;
        this.defect = defect;
    }

    @Override
    public String name() {
        return "loopback";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(SCHEME);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public boolean owns(Location location) {
        return idOf(location) != null;
    }

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        Location location = Location.of(URI.create(SCHEME + "://tck/" + id.value()));
        HttpURLConnection connection = open(location, "PUT");
        try {
            connection.setDoOutput(true);
            connection.setChunkedStreamingMode(64 * 1024);
            long size;
            try (OutputStream out = connection.getOutputStream()) {
                size = data.transferTo(out);
            }
            int status = connection.getResponseCode();
            if (status == 409) {
                throw new ObjectAlreadyExistsException("Object already exists: " + location);
            }
            if (status != 201) {
                throw new StoreException("Adding " + location + " failed with HTTP " + status);
            }
            return StoredObject.of(id, location, size);
        } catch (StoreException e) {
            throw e;
        } catch (IOException e) {
            throw unavailable("add " + location, e);
        } finally {
            connection.disconnect();
        }
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        HttpURLConnection connection = open(location, "GET");
        try {
            if (!range.isAll()) {
                String end = range.length().isPresent() && range.length().getAsLong() > 0
                        && range.offset() + range.length().getAsLong() > range.offset()
                        ? Long.toString(range.offset() + range.length().getAsLong() - 1) : "";
                connection.setRequestProperty("Range", "bytes=" + range.offset() + "-" + end);
            }
            int status = connection.getResponseCode();
            check(status, location);
            long size = Long.parseLong(connection.getHeaderField("X-Object-Size"));
            long length = range.lengthWithin(size, location);
            InputStream body = length == 0 ? InputStream.nullInputStream() : connection.getInputStream();
            return new ObjectStream(new UnavailableOnFailure(body, connection, location), location, size, range.offset(), length);
        } catch (StoreException e) {
            connection.disconnect();
            throw e;
        } catch (IOException e) {
            connection.disconnect();
            throw unavailable("read " + location, e);
        }
    }

    @Override
    public long size(Location location) throws IOException {
        HttpURLConnection connection = open(location, "HEAD");
        try {
            check(connection.getResponseCode(), location);
            return Long.parseLong(connection.getHeaderField("X-Object-Size"));
        } catch (StoreException e) {
            throw e;
        } catch (IOException e) {
            throw unavailable("read the size of " + location, e);
        } finally {
            connection.disconnect();
        }
    }

    @Override
    public void delete(Location location) throws IOException {
        HttpURLConnection connection = open(location, "DELETE");
        try {
            check(connection.getResponseCode(), location);
        } catch (StoreException e) {
            throw e;
        } catch (IOException e) {
            throw unavailable("delete " + location, e);
        } finally {
            connection.disconnect();
        }
    }

    @Override
    public void close() {
        // one connection per request; nothing held
    }

    private HttpURLConnection open(Location location, String method) throws IOException {
        String id = idOf(location);
        if (id == null) {
            throw new InvalidLocationException("Store 'loopback' does not hold " + location);
        }
        URL url = URI.create("http://" + endpoint.getAddress().getHostAddress() + ":" + endpoint.getPort() + "/" + id).toURL();
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestMethod(method);
        connection.setRequestProperty("Connection", "close");
        connection.setUseCaches(false);
        if (defect != Defect.NO_TIMEOUTS) {
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
        }
        return connection;
    }

    private static void check(int status, Location location) throws StoreException {
        switch (status) {
            case 200, 201, 204, 206 -> { }
            case 404 -> throw new ObjectNotFoundException("Object not found: " + location);
            case 416 -> throw new InvalidRangeException("Range beyond the end of " + location);
            default -> throw new StoreException("HTTP " + status + " for " + location);
        }
    }

    private StoreException unavailable(String what, IOException cause) {
        if (defect == Defect.UNREACHABLE_IS_NOT_FOUND) {
            return new ObjectNotFoundException("Cannot " + what + ": " + cause);
        }
        return new BackendUnavailableException("Cannot " + what + ": " + cause, cause);
    }

    private static String idOf(Location location) {
        URI uri = location.uri();
        String path = uri.getRawPath();
        if (!SCHEME.equals(location.scheme()) || !"tck".equals(uri.getRawAuthority()) || path == null
                || !path.startsWith("/") || !ObjectId.isValid(path.substring(1))) {
            return null;
        }
        return path.substring(1);
    }

    /** The response body: a broken connection is reported as the backend being unavailable; closing disconnects. */
    private final class UnavailableOnFailure extends InputStream {
        private final InputStream body;
        private final HttpURLConnection connection;
        private final Location location;

        UnavailableOnFailure(InputStream body, HttpURLConnection connection, Location location) {
            this.body = body;
            this.connection = connection;
            this.location = location;
        }

        @Override
        public int read() throws IOException {
            return SingleByteRead.of(this);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return body.read(buffer, offset, length);
            } catch (IOException e) {
                throw unavailable("read " + location, e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                body.close();
            } finally {
                connection.disconnect();
            }
        }
    }
}
