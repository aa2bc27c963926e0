package io.stowage.s3;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.StoreException;
import io.stowage.download.DownloadHandler;
import io.stowage.support.DaemonThreads;
import io.stowage.support.ResumingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Copies an S3 object into a local file with parallel ranged GETs: the object is cut into
 * chunks of {@code chunkSize} bytes, at most {@code concurrency} of them are fetched at once,
 * each written at its offset in the target through a small buffer (so memory stays at about
 * {@code concurrency × 64 KiB}). Every GET carries {@code If-Match} on the ETag the HEAD saw, so
 * the file is never stitched from two versions of an object, and a broken chunk resumes from
 * where it broke (bounded). The direct downloader ({@code io.stowage.core.download.DirectDownloader}) verifies the file.
 */
final class S3DownloadHandler implements DownloadHandler {
    private static final int COPY_BUFFER = 64 * 1024;

    private final S3Clients clients;
    private final S3Client client;
    private final Set<String> buckets;
    private final Optional<URI> endpoint;
    private final int concurrency;
    private final long chunkSize;
    private final int resumes;
    private final ExecutorService workers = Executors.newCachedThreadPool(DaemonThreads.named("stowage-s3-download-"));
    private final AtomicBoolean closed = new AtomicBoolean();

    S3DownloadHandler(S3DownloadHandlerConfig config, S3Clients clients) {
        requireNonNull(config, "config is null");
        this.clients = requireNonNull(clients, "clients is null");
        this.client = clients.retrying();
        this.buckets = Set.copyOf(config.buckets());
        this.endpoint = config.endpoint();
        this.concurrency = config.concurrency();
        this.chunkSize = config.chunkSize();
        this.resumes = config.retries();
    }

    @Override
    public void download(Location location, Path target) throws IOException {
        requireNonNull(location, "location is null");
        requireNonNull(target, "target is null");
        if (closed.get()) {
            throw new StoreException("The s3 download handler is closed");
        }
        S3Address address = address(location);
        HeadObjectResponse head;
        try {
            head = client.headObject(request -> request.bucket(address.bucket()).key(address.key()));
        } catch (RuntimeException e) {
            throw S3Errors.translate(e, "download", address);
        }
        long size = S3Heads.size(head, address);
        S3RangeOpener ranges = new S3RangeOpener(client, address, Optional.ofNullable(head.eTag()), size, "download");
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            out.truncate(0);
            copyChunks(ranges, address, size, out);
            if (out.size() != size) {
                throw new StoreException("Download of " + address + " wrote " + out.size() + " of " + size + " bytes");
            }
        } catch (StoreException e) {
            throw e;
        } catch (java.nio.channels.ClosedByInterruptException e) {
            throw S3Errors.interrupted("download", address, e);
        } catch (IOException e) {
            throw new StoreException("Cannot download " + address + " to " + target + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    private S3Address address(Location location) throws InvalidLocationException {
        URI uri = location.uri();
        String bucket = uri.getRawAuthority();
        String path = uri.getRawPath();
        if (!S3Layout.SCHEME.equals(location.scheme()) || bucket == null || path == null || path.length() < 2
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidLocationException("The s3 download handler cannot serve " + location
                    + ": expected s3://bucket/key");
        }
        if (!buckets.isEmpty() && !buckets.contains(bucket)) {
            throw new InvalidLocationException("The s3 download handler refuses " + location + ": bucket '" + bucket
                    + "' is not one of its buckets " + new java.util.TreeSet<>(buckets));
        }
        if (!LegacyEndpoints.matches(location, endpoint)) {
            throw new InvalidLocationException("The s3 download handler refuses " + location
                    + ": it names another S3 service than " + endpoint.map(URI::toString).orElse("AWS"));
        }
        return new S3Address(bucket, uri.getPath().substring(1));
    }

    private void copyChunks(S3RangeOpener ranges, S3Address address, long size, FileChannel out) throws IOException {
        long chunks = (size + chunkSize - 1) / chunkSize;
        if (chunks == 0) {
            return;
        }
        AtomicLong next = new AtomicLong();
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<Void>> running = new ArrayList<>();
        try {
            for (int i = 0; i < Math.min(concurrency, chunks); i++) {
                running.add(workers.submit(() -> {
                    byte[] buffer = new byte[COPY_BUFFER];
                    long chunk;
                    while (!failed.get() && (chunk = next.getAndIncrement()) < chunks) {
                        long first = chunk * chunkSize;
                        long end = Math.min(size, first + chunkSize);
                        try {
                            copyChunk(ranges, address, first, end, out, buffer);
                        } catch (IOException | RuntimeException e) {
                            failed.set(true);
                            throw e;
                        }
                    }
                    return null;
                }));
            }
        } catch (RejectedExecutionException e) {
            failed.set(true);
            awaitAll(running, address);
            throw new StoreException("The s3 download handler is closed", e);
        }
        awaitAll(running, address);
    }

    private void copyChunk(S3RangeOpener ranges, S3Address address, long first, long end, FileChannel out,
            byte[] buffer) throws IOException {
        long position = first;
        try (InputStream in = new ResumingInputStream(address.toString(), ranges, ranges.open(first, end), first, end,
                ResumingInputStream.Limit.inAll(resumes), S3Clients.BACKOFF)) {
            int n;
            while (position < end && (n = in.read(buffer, 0, (int) Math.min(buffer.length, end - position))) >= 0) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    position += out.write(chunk, position);
                }
            }
        }
        if (position != end) {
            throw new io.stowage.IntegrityException("Download of " + address + " got bytes " + first + " to " + position
                    + " of a chunk ending at " + end);
        }
    }

    /** Waits for every worker and throws the first failure (the others are attached). */
    private static void awaitAll(List<Future<Void>> running, S3Address address) throws IOException {
        IOException failure = null;
        boolean interrupted = false;
        for (Future<Void> future : running) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    future.cancel(true);
                } catch (ExecutionException e) {
                    IOException cause = asIOException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else if (failure != cause) {
                        failure.addSuppressed(cause);
                    }
                    break;
                } catch (java.util.concurrent.CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            throw S3Errors.interrupted("download", address, failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static IOException asIOException(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new StoreException("The s3 download failed: " + cause.getClass().getSimpleName(), cause);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            workers.shutdown();
            clients.close();
        }
    }
}
