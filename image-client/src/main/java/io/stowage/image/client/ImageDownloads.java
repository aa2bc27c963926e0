package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import io.stowage.PermissionDeniedException;
import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.IntegrityException;
import io.stowage.InvalidChecksumException;
import io.stowage.InvalidLocationException;
import io.stowage.Location;
import io.stowage.ObjectNotFoundException;
import io.stowage.ProgressListener;
import io.stowage.core.download.DirectDownloader;
import io.stowage.core.download.DownloadOptions;
import io.stowage.core.download.DownloadResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An image's data to a local file (Nova's {@code GlanceImageService.download}), through store-api's
 * {@link DirectDownloader}: the image's {@code locations}, then its {@code direct_url}, are the
 * candidates, each tried when its scheme is allowed and has a handler; the API
 * ({@link ApiDataStream}) is the fallback. Every source is held to the image's size and
 * {@code os_hash_value} (else its MD5 {@code checksum}); the file appears only verified.
 */
final class ImageDownloads {
    private static final Logger LOG = LoggerFactory.getLogger(ImageDownloads.class);

    private final ApiHttp http;
    private final FailoverCalls calls;
    private final DirectDownloader downloader;

    ImageDownloads(ApiHttp http, FailoverCalls calls, DirectDownloader downloader) {
        this.http = requireNonNull(http, "http is null");
        this.calls = requireNonNull(calls, "calls is null");
        this.downloader = requireNonNull(downloader, "downloader is null");
    }

    ImageDownload download(Image image, Path target, ProgressListener progress) throws IOException {
        if (image.status().equals("deactivated")) {
            // direct download would pass by the API's rule that only admins read deactivated images
            throw new PermissionDeniedException("Image " + image.id() + " is deactivated: only active images are downloaded");
        }
        if (image.size().isEmpty() || !image.status().equals("active")) {
            throw new ObjectNotFoundException("Image " + image.id() + " has no data to download: it is " + image.status());
        }
        DownloadOptions options = DownloadOptions.none()
                .withExpectedSize(image.size().getAsLong())
                .withExpectedChecksum(expectedChecksum(image))
                .withProgress(progress);
        AtomicReference<ApiDataStream> api = new AtomicReference<>();
        DownloadResult result = downloader.download(candidates(image), target, options, () -> {
            ApiDataStream stream = new ApiDataStream(http, calls.servers(), calls.retries(), calls.pause(), image);
            api.set(stream);
            return stream;
        });
        List<ApiRead> reads = result.servedByFallback() && api.get() != null ? api.get().reads() : List.of();
        return new ImageDownload(image.id(), result.source().map(Location::url).orElse(ImageDownload.API), result.size(),
                result.checksums(), reads);
    }

    /** The hash the data must have: {@code os_hash_value} when its algorithm is known, else the MD5 {@code checksum}. */
    static Checksum expectedChecksum(Image image) throws IntegrityException {
        Optional<String> algorithm = image.hashAlgorithm();
        if (algorithm.isPresent() && image.hashValue().isPresent()) {
            try {
                return Checksum.parse(algorithm.get() + ":" + image.hashValue().get());
            } catch (InvalidChecksumException e) {
                LOG.debug("Image {} has an os_hash this client cannot check ({}); checking its MD5 checksum instead",
                        image.id(), e.getMessage());
            }
        }
        if (image.checksum().isPresent()) {
            try {
                return Checksum.parse(ChecksumAlgorithm.MD5.id() + ":" + image.checksum().get());
            } catch (InvalidChecksumException e) {
                throw new IntegrityException("Image " + image.id() + " has a malformed checksum: " + e.getMessage());
            }
        }
        throw new IntegrityException("Image " + image.id() + " has neither an os_hash_value this client can check nor a"
                + " checksum: its data cannot be verified, so it is not downloaded");
    }

    /** The locations, in the order the image lists them, then its direct_url when it is not one of them. */
    static List<Location> candidates(Image image) {
        List<Location> candidates = new ArrayList<>();
        for (ImageLocation location : image.locations()) {
            parse(image, location.url(), location).ifPresent(candidates::add);
        }
        if (image.directUrl().isPresent()
                && image.locations().stream().noneMatch(location -> location.url().equals(image.directUrl().get()))) {
            parse(image, image.directUrl().get(), new ImageLocation(image.directUrl().get(), java.util.Map.of()))
                    .ifPresent(candidates::add);
        }
        return candidates;
    }

    private static Optional<Location> parse(Image image, String url, ImageLocation location) {
        try {
            return Optional.of(Location.parse(url, location.metadata()));
        } catch (InvalidLocationException e) {
            LOG.warn("Image {} has a location that cannot be read directly and is skipped: {}", image.id(), e.getMessage());
            return Optional.empty();
        }
    }
}
