package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.AddOptions;
import io.stowage.ByteRange;
import io.stowage.Capability;
import io.stowage.InvalidRangeException;
import io.stowage.Location;
import io.stowage.ObjectAlreadyExistsException;
import io.stowage.ObjectId;
import io.stowage.ObjectStream;
import io.stowage.StoreException;
import io.stowage.Store;
import io.stowage.StoredObject;
import io.stowage.support.DaemonThreads;
import io.stowage.support.ResumingInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store in one S3 bucket (optionally under a key prefix), on AWS or an S3-compatible server.
 * Objects are keyed {@code [prefix/]id} and located as {@code s3://bucket/[prefix/]id}; see
 * {@link S3Layout} for which locations it owns and {@link S3Upload} for how an add commits
 * only after the end of its source (so only data the contract decorator verified), never
 * overwrites and leaves no upload behind.
 */
final class S3Store implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(S3Store.class);
    private static final Set<Capability> CAPABILITIES =
            Set.copyOf(EnumSet.of(Capability.READ, Capability.WRITE, Capability.DELETE, Capability.RANGE_READ));

    private final String name;
    private final S3Layout layout;
    private final S3Clients clients;
    private final S3Client client;
    private final UploadSettings uploadSettings;
    private final int readResumes;
    private final ExecutorService uploads;
    private final UploadRegistry registry;
    private final Duration closeTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger openReads = new AtomicInteger();

    S3Store(String name, S3StoreConfig config, S3Clients clients) {
        this.name = requireNonNull(name, "name is null");
        requireNonNull(config, "config is null");
        this.clients = requireNonNull(clients, "clients is null");
        this.client = clients.retrying();
        this.layout = new S3Layout(config.bucket(), config.prefix(), config.endpoint());
        this.uploadSettings = UploadSettings.of(config);
        this.readResumes = config.retries();
        this.uploads = Executors.newCachedThreadPool(DaemonThreads.named("stowage-s3-" + name + "-upload-"));
        this.registry = new UploadRegistry(name);
        this.closeTimeout = config.closeTimeout();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(S3Layout.SCHEME);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public boolean owns(Location location) {
        return layout.owns(location);
    }

    @Override
    public StoredObject add(ObjectId id, InputStream data, AddOptions options) throws IOException {
        requireNonNull(id, "id is null");
        requireNonNull(data, "data is null");
        requireNonNull(options, "options is null");
        S3Address address = layout.address(id);
        registry.addStarted();
        try {
            if (exists(address)) {
                throw new ObjectAlreadyExistsException("Object already exists: " + address);
            }
            long size = new S3Upload(clients, uploads, address, uploadSettings, registry).run(data, options.expectedSize());
            return StoredObject.of(id, Location.of(address.uri()), size);
        } finally {
            registry.addEnded();
        }
    }

    @Override
    public ObjectStream get(Location location, ByteRange range) throws IOException {
        requireNonNull(range, "range is null");
        ensureOpen();
        S3Address address = layout.address(location);
        if (range.length().isPresent() && range.length().getAsLong() == 0) {
            long size = S3Heads.size(head(address, "read"), address);
            range.lengthWithin(size, location);
            return new ObjectStream(InputStream.nullInputStream(), location, size, range.offset(), 0);
        }
        ResponseInputStream<GetObjectResponse> body;
        try {
            body = client.getObject(request(address, range));
        } catch (SdkException e) {
            if (S3Errors.status(e) == S3Errors.RANGE_NOT_SATISFIABLE) {
                return emptyOrInvalid(location, address, range, e);
            }
            throw S3Errors.translate(e, "read", address);
        } catch (RuntimeException e) {
            throw S3Errors.translate(e, "read", address);
        }
        return open(location, address, range, body);
    }

    private static GetObjectRequest request(S3Address address, ByteRange range) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(address.bucket()).key(address.key());
        if (!range.isAll()) {
            boolean bounded = range.length().isPresent() && range.length().getAsLong() <= Long.MAX_VALUE - range.offset();
            request.range("bytes=" + range.offset() + "-"
                    + (bounded ? String.valueOf(range.offset() + range.length().getAsLong() - 1) : ""));
        }
        return request.build();
    }

    private ObjectStream open(Location location, S3Address address, ByteRange range,
            ResponseInputStream<GetObjectResponse> response) throws IOException {
        S3ObjectBody first = S3ObjectBody.of(response, address, range.offset());
        try {
            long size = first.objectSize();
            long length = range.lengthWithin(size, location);
            S3RangeOpener again = new S3RangeOpener(client, address, first.eTag(), size, "resume reading");
            ResumingInputStream resuming = new ResumingInputStream(address.toString(), again, first, range.offset(),
                    range.offset() + length, ResumingInputStream.Limit.inAll(readResumes), S3Clients.BACKOFF);
            openReads.incrementAndGet();
            return new ObjectStream(new FilterInputStream(resuming) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        openReads.decrementAndGet();
                    }
                }
            }, location, size, range.offset(), length);
        } catch (StoreException | RuntimeException e) {
            first.abort();
            throw e;
        }
    }

    private ObjectStream emptyOrInvalid(Location location, S3Address address, ByteRange range, SdkException cause)
            throws IOException {
        long size = S3Heads.size(head(address, "read"), address);
        if (range.offset() > size) {
            InvalidRangeException invalid = new InvalidRangeException("Range offset " + range.offset()
                    + " is beyond the end of " + location + " (size " + size + ")");
            invalid.addSuppressed(cause);
            throw invalid;
        }
        range.lengthWithin(size, location);
        return new ObjectStream(InputStream.nullInputStream(), location, size, range.offset(), 0);
    }

    @Override
    public long size(Location location) throws IOException {
        ensureOpen();
        S3Address address = layout.address(location);
        return S3Heads.size(head(address, "read the size of"), address);
    }

    @Override
    public void delete(Location location) throws IOException {
        ensureOpen();
        S3Address address = layout.address(location);
        head(address, "delete");
        try {
            client.deleteObject(request -> request.bucket(address.bucket()).key(address.key()));
        } catch (RuntimeException e) {
            throw S3Errors.translate(e, "delete", address);
        }
    }

    /**
     * Deletes the object {@code id} if it is there and aborts every multipart upload of its key,
     * which an add whose process died leaves open (see {@link S3StaleUploads#abortKey}).
     */
    @Override
    public void discard(ObjectId id) throws IOException {
        requireNonNull(id, "id is null");
        ensureOpen();
        S3Address address = layout.address(id);
        S3StaleUploads.abortKey(client, address);
        try {
            client.deleteObject(request -> request.bucket(address.bucket()).key(address.key()));
        } catch (RuntimeException e) {
            if (!(e instanceof SdkException sdk && S3Errors.status(sdk) == S3Errors.NOT_FOUND)) {
                throw S3Errors.translate(e, "discard", address);
            }
        }
    }

    private boolean exists(S3Address address) throws IOException {
        try {
            client.headObject(request -> request.bucket(address.bucket()).key(address.key()));
            return true;
        } catch (SdkException e) {
            if ("NoSuchBucket".equals(S3Errors.code(e))) {
                throw new StoreException("Cannot add " + address + ": bucket '" + address.bucket() + "' does not exist", e);
            }
            if (S3Errors.status(e) == S3Errors.NOT_FOUND) {
                return false;
            }
            throw S3Errors.translate(e, "add", address);
        } catch (RuntimeException e) {
            throw S3Errors.translate(e, "add", address);
        }
    }

    private HeadObjectResponse head(S3Address address, String action) throws IOException {
        try {
            return client.headObject(request -> request.bucket(address.bucket()).key(address.key()));
        } catch (RuntimeException e) {
            throw S3Errors.translate(e, action, address);
        }
    }

    /** How many streams {@link #get} returned that are not closed yet. */
    int openReads() {
        return openReads.get();
    }

    /** The bucket and key prefix this store keeps its objects under. */
    S3Layout layout() {
        return layout;
    }

    private void ensureOpen() throws StoreException {
        if (closed.get()) {
            throw UploadRegistry.closed(name);
        }
    }

    /**
     * Refuses new operations, lets running adds finish for up to {@code closeTimeout}, then stops
     * the adds still running: their parts are cancelled and their multipart uploads aborted (by
     * each add, or after another {@code closeTimeout} by this method), so that none is left open.
     * Then the clients are closed. Streams still open fail on their next read with a {@link StoreException}.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        registry.close();
        try {
            if (!registry.awaitIdle(closeTimeout)) {
                List<UploadRegistry.Entry> stopped = registry.stopAll();
                LOG.warn("Closing store '{}': adds still running after {}; stopping them and aborting their {} multipart"
                        + " upload(s)", name, closeTimeout, stopped.size());
                uploads.shutdownNow();
                if (!registry.awaitIdle(closeTimeout)) {
                    abortLeftUploads();
                }
            }
        } finally {
            uploads.shutdownNow();
            clients.close();
        }
    }

    /** Aborts the uploads of adds that did not end in time (stuck reading their source, say). */
    private void abortLeftUploads() {
        for (UploadRegistry.Entry entry : registry.open()) {
            if (entry.isStopped() && entry.claimAbort()) {
                entry.parts().stopNow();
                StoreException failures = new StoreException("Aborting the upload of " + entry.address());
                UploadAbort.abort(client, entry.address(), entry.uploadId(), failures);
                for (Throwable failure : failures.getSuppressed()) {
                    LOG.warn("Closing store '{}': {}", name, failure.getMessage());
                }
            }
        }
    }

    @Override
    public String toString() {
        return "S3Store[" + name + ": " + layout + "]";
    }
}
