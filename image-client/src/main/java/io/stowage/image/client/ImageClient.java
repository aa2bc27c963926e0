package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.InvalidConfigurationException;
import io.stowage.ProgressListener;
import io.stowage.StoreException;
import io.stowage.core.download.AllowedSchemes;
import io.stowage.core.download.DirectDownloader;
import io.stowage.support.Backoff;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * A client of the Glance v2 image API for the compute side (Nova's image service): create,
 * upload, show, list, update and delete images and list the stores, through a list of API servers
 * with failover, and download an image's data straight from where it lives or through the API,
 * verified.
 *
 * <p><b>Failover.</b> The API servers are shuffled once, when the client is built, and cycled:
 * every attempt goes to the next one. A connection failure, a timeout or a 503 is retried on the
 * next server after a pause (exponential, with jitter), up to {@code retries} times; after the
 * last the call fails with {@link io.stowage.BackendUnavailableException}. Any other answer ends
 * the call with its error: {@link io.stowage.ObjectNotFoundException} (404, 410),
 * {@link io.stowage.ObjectAlreadyExistsException} (409), {@link io.stowage.SizeLimitExceededException}
 * (413), {@link io.stowage.PermissionDeniedException} (401, 403), {@link ImageRequestRefusedException}
 * (other 4xx). Calls are made safe to repeat: a create sends the image's id (a random UUID unless
 * given), so a retry after a lost answer finds the image it made; a retried delete that finds the
 * image gone took effect; an upload is retried only where it cannot have been applied (see
 * {@link #upload}).
 *
 * <p><b>Download.</b> {@link #download} tries the image's locations, then its {@code direct_url},
 * through the {@link DirectDownloader} it was built with (only allowed schemes with a handler;
 * without one, the API only), then reads the data through the API, resuming a broken body on the
 * next server. Before the target file appears (atomically) the data is checked against the
 * image's size and {@code os_hash_value} (else its MD5 {@code checksum}); a mismatch fails that
 * source, and when the last one fails the download fails with
 * {@link io.stowage.IntegrityException} and no target.
 *
 * <p>The token goes only into {@code X-Auth-Token}: never into a message, a log line or
 * {@link #toString()}. Safe for use by several threads.
 */
public final class ImageClient implements AutoCloseable {
    /** The API server when none is configured: a service on this host ({@code stowage serve}'s default). */
    public static final String DEFAULT_API_SERVER = "http://127.0.0.1:9292";
    private static final Pattern IMAGE_ID = Pattern.compile("[A-Za-z0-9._~-]{1,255}");
    private static final String JSON_PATCH = "application/openstack-images-v2.1-json-patch";

    private final ApiHttp http;
    private final FailoverCalls calls;
    private final ImageUploads uploads;
    private final ImageDownloads downloads;

    private ImageClient(Builder builder) throws InvalidConfigurationException {
        ApiServers servers = ApiServers.shuffled(builder.apiServers, builder.random);
        this.http = new ApiHttp(builder.connectTimeout, builder.readTimeout, builder.maxConnections, builder.token);
        this.calls = new FailoverCalls(servers, builder.retries, Backoff.exponential(builder.firstPause, builder.longestPause));
        this.uploads = new ImageUploads(http, calls);
        this.downloads = new ImageDownloads(http, calls,
                builder.directDownloader.orElseGet(() -> DirectDownloader.of(AllowedSchemes.NONE, Map.of())));
    }

    /** A builder with the defaults: {@value #DEFAULT_API_SERVER}, no token, 3 retries. */
    public static Builder builder() {
        return new Builder();
    }

    /** Creates an image (201); see the class comment for a create retried after a lost answer. */
    public Image create(NewImage image) throws StoreException {
        requireNonNull(image, "image is null");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", checkedId(image.id()));
        image.attributes().forEach(body::put);
        if (!image.tags().isEmpty()) {
            ArrayNode tags = body.putArray("tags");
            image.tags().forEach(tags::add);
        }
        byte[] json = Documents.bytes(body);
        String what = "create image " + image.id();
        return calls.call(what, (server, earlierMayHaveApplied) -> {
            ApiRequest request = ApiRequest.of("POST", "/v2/images").body(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
            try (ApiExchange answer = http.send(server, request)) {
                if (answer.status() == 201) {
                    return Documents.image(answer, what);
                }
                if (answer.status() != 409 || !earlierMayHaveApplied) {
                    throw ApiStatusException.of(answer);
                }
            }
            return showOn(server, image.id()); // an earlier attempt made it
        });
    }

    /**
     * Uploads the image's data ({@code PUT /v2/images/{id}/file}) to the named store or the
     * service's default, and returns the image as it is then. A connection that was never made is
     * retried on the next server; after any other failure the next server is first asked for the
     * image: still {@code queued}, the data is sent again (a file from its start; a stream only if
     * none of it was read); {@code active} with the size and MD5 this client sent, the upload took
     * effect and its answer was lost; any other state ends the upload.
     */
    public Image upload(String id, UploadData data, Optional<String> store) throws StoreException {
        requireNonNull(data, "data is null");
        requireNonNull(store, "store is null");
        uploads.upload(checkedId(id), data, store);
        return show(id);
    }

    /** The image ({@code GET /v2/images/{id}}). */
    public Image show(String id) throws StoreException {
        String checked = checkedId(id);
        return calls.call("show image " + checked, (server, earlierMayHaveApplied) -> showOn(server, checked));
    }

    /**
     * The images the token may see, newest first as the service sorts them, fetched {@code pageSize}
     * at a time as the iterator goes on (each page with failover). A failure surfaces from the
     * iterator as an {@link java.io.UncheckedIOException} holding the {@link StoreException}.
     */
    public Iterator<Image> list(int pageSize) {
        return new ImageListing(pathAndQuery -> calls.call("list images", (server, earlierMayHaveApplied) -> {
            try (ApiExchange answer = http.send(server, ApiRequest.of("GET", pathAndQuery))) {
                if (answer.status() != 200) {
                    throw ApiStatusException.of(answer);
                }
                return Documents.read(answer, "list images");
            }
        }), pageSize);
    }

    /** Changes attributes ({@code PATCH}, JSON patch) and returns the image as it is then. */
    public Image update(String id, List<ImagePatch> changes) throws StoreException {
        String checked = checkedId(id);
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        for (ImagePatch change : changes) {
            ObjectNode operation = body.addObject().put("op", change.op()).put("path", change.path());
            change.value().ifPresent(value -> operation.put("value", value));
        }
        byte[] json = Documents.bytes(body);
        String what = "update image " + checked;
        return calls.call(what, (server, earlierMayHaveApplied) -> {
            ApiRequest request = ApiRequest.of("PATCH", imagePath(checked))
                    .body(new ByteArrayEntity(json, ContentType.create(JSON_PATCH)));
            try (ApiExchange answer = http.send(server, request)) {
                if (answer.status() != 200) {
                    throw ApiStatusException.of(answer);
                }
                return Documents.image(answer, what);
            }
        });
    }

    /** Deletes the image; a retry that finds it gone after an attempt that may have deleted it succeeds. */
    public void delete(String id) throws StoreException {
        String checked = checkedId(id);
        calls.call("delete image " + checked, (server, earlierMayHaveApplied) -> {
            try (ApiExchange answer = http.send(server, ApiRequest.of("DELETE", imagePath(checked)))) {
                if (answer.status() == 204 || answer.status() == 200 || (answer.status() == 404 && earlierMayHaveApplied)) {
                    return null;
                }
                throw ApiStatusException.of(answer);
            }
        });
    }

    /** The stores the service offers for uploads ({@code GET /v2/info/stores}). */
    public List<ImageStore> stores() throws StoreException {
        return calls.call("list the stores", (server, earlierMayHaveApplied) -> {
            ObjectNode document;
            try (ApiExchange answer = http.send(server, ApiRequest.of("GET", "/v2/info/stores"))) {
                if (answer.status() != 200) {
                    throw ApiStatusException.of(answer);
                }
                document = Documents.read(answer, "list the stores");
            }
            List<ImageStore> stores = new ArrayList<>();
            for (JsonNode store : document.path("stores")) {
                stores.add(new ImageStore(store.path("id").asText(), store.path("default").asBoolean(false),
                        store.path("read-only").asBoolean(false), store.path("description").asText("")));
            }
            return stores;
        });
    }

    /** Downloads the image's data to {@code target}; see the class comment. */
    public ImageDownload download(String id, Path target) throws IOException {
        return download(id, target, ProgressListener.NONE);
    }

    /** Downloads the image's data to {@code target}, reporting the bytes verified so far of an API read. */
    public ImageDownload download(String id, Path target, ProgressListener progress) throws IOException {
        requireNonNull(target, "target is null");
        requireNonNull(progress, "progress is null");
        return downloads.download(show(id), target, progress);
    }

    /** The API servers in the order this client tries them. */
    public List<String> apiServers() {
        return calls.servers().order().stream().map(Object::toString).toList();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    @Override
    public String toString() {
        return "ImageClient[servers=" + calls.servers() + ", retries=" + calls.retries() + "]";
    }

    private Image showOn(java.net.URI server, String id) throws IOException {
        String what = "show image " + id;
        try (ApiExchange answer = http.send(server, ApiRequest.of("GET", imagePath(id)))) {
            if (answer.status() != 200) {
                throw ApiStatusException.of(answer);
            }
            return Documents.image(answer, what);
        }
    }

    static String imagePath(String id) {
        return "/v2/images/" + id;
    }

    private static String checkedId(String id) throws ImageRequestRefusedException {
        requireNonNull(id, "id is null");
        if (!IMAGE_ID.matcher(id).matches()) {
            throw new ImageRequestRefusedException("Invalid image id " + io.stowage.Redaction.quote(id)
                    + ": 1 to 255 characters of letters, digits and . _ ~ -");
        }
        return id;
    }

    /** Builds an {@link ImageClient}. */
    public static final class Builder {
        private List<String> apiServers = List.of(DEFAULT_API_SERVER);
        private Optional<String> token = Optional.empty();
        private int retries = 3;
        private Duration firstPause = Duration.ofMillis(200);
        private Duration longestPause = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private int maxConnections = 16;
        private Optional<DirectDownloader> directDownloader = Optional.empty();
        private Random random = new Random();

        private Builder() {}

        /** The API servers: base URLs ({@code http://host:9292}) or {@code host:port}; shuffled when built. */
        public Builder apiServers(List<String> servers) {
            this.apiServers = List.copyOf(servers);
            return this;
        }

        /** The token sent as {@code X-Auth-Token}. */
        public Builder token(String value) {
            this.token = Optional.of(requireNonNull(value, "value is null"));
            return this;
        }

        /** How many times a call is tried again on the next server after a retryable failure (0: once only). */
        public Builder retries(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("retries cannot be negative: " + count);
            }
            this.retries = count;
            return this;
        }

        /** The longest pause before the first retry, doubling for each next one up to {@code longest}. */
        public Builder retryPauses(Duration first, Duration longest) {
            Backoff.exponential(first, longest); // refuses first < 0 or longest < first at once
            this.firstPause = first;
            this.longestPause = longest;
            return this;
        }

        /** How long a connection may take to open. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long a server may stay silent, waiting for an answer or in the middle of a body. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /**
         * The downloader whose handlers and allowed schemes direct downloads use (built from the
         * config's {@code direct-download} section); the caller closes it. Without one, images
         * are downloaded through the API only.
         */
        public Builder directDownloader(DirectDownloader downloader) {
            this.directDownloader = Optional.of(requireNonNull(downloader, "downloader is null"));
            return this;
        }

        /** The order the servers are shuffled into; a seeded one in tests. */
        Builder random(Random shuffle) {
            this.random = requireNonNull(shuffle, "shuffle is null");
            return this;
        }

        /** @throws InvalidConfigurationException when an API server is not an http(s) URL without credentials */
        public ImageClient build() throws InvalidConfigurationException {
            return new ImageClient(this);
        }

        private static Duration positive(Duration timeout, String name) {
            if (requireNonNull(timeout, name + " is null").isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + timeout);
            }
            return timeout;
        }
    }
}
