package io.stowage.image.service.api;

import static java.util.Objects.requireNonNull;

import io.stowage.core.StoreRegistry;
import io.stowage.image.service.ImageServiceConfig;
import io.stowage.image.service.TokenGrant;
import io.stowage.image.service.registry.ImageRegistry;
import io.stowage.image.service.registry.RegistryUnavailableException;
import io.stowage.image.service.storage.ImageStores;
import io.stowage.image.service.upload.UploadLeases;
import io.stowage.image.service.upload.UploadRecovery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Glance v2 API as one Jetty handler: authenticates the caller, routes by method and path,
 * and turns every failure into a status with a one-line reason (never a stack trace or a token).
 * Handlers block (uploads and downloads stream on the request's thread).
 */
public final class ImageApi extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ImageApi.class);
    private static final String TOKEN_HEADER = "X-Auth-Token";

    private final ImageServiceConfig config;
    private final ImageResources resources;
    private final ImageUploads uploads;
    private final ImageDownloads downloads;
    private final ImageMembers members;
    private final ImageImports imports;
    private final V1Images v1;
    private final ImageLocations locations;
    private final Schemas schemas;

    /**
     * @param digestThreads run the digests beside uploads (one task per digest and upload)
     * @param importThreads run imports after their request was answered (one task per import)
     */
    public ImageApi(ImageServiceConfig config, ImageRegistry registry, ImageStores stores, Executor digestThreads,
            Executor importThreads, UploadLeases leases, UploadRecovery recovery) {
        this.config = requireNonNull(config, "config is null");
        this.schemas = new Schemas();
        ServiceParts parts = new ServiceParts(config, registry, stores, digestThreads, importThreads, leases, recovery,
                new ImageDocuments(config.showDirectUrl(), config.showMultipleLocations()), schemas);
        UploadStreams streams = new UploadStreams(parts);
        this.resources = new ImageResources(parts);
        this.uploads = new ImageUploads(parts, streams);
        this.downloads = new ImageDownloads(parts);
        this.members = new ImageMembers(parts);
        this.imports = new ImageImports(parts, streams, uploads);
        this.v1 = new V1Images(parts, streams, uploads, resources);
        this.locations = new ImageLocations(parts, resources);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            route(request, response, callback);
        } catch (ApiException e) {
            Responses.error(request, response, callback, e);
        } catch (RegistryUnavailableException e) {
            LOG.warn("{} {}: {}", request.getMethod(), Request.getPathInContext(request), e.getMessage());
            Responses.error(request, response, callback, new ApiException(503, "The image registry is unavailable"));
        } catch (Exception | Error e) {
            LOG.error("{} {} failed", request.getMethod(), Request.getPathInContext(request), e);
            Responses.error(request, response, callback, new ApiException(500, "The request failed on the server"));
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.equals("/") || path.equals("/versions")) {
            allow(method, "GET");
            Responses.json(response, callback, path.equals("/") ? 300 : 200, Schemas.versions(baseUrl(request)));
            return;
        }
        Caller caller = authenticate(request);
        List<String> segments = segments(path);
        if (segments.size() >= 2 && segments.get(0).equals("v1") && segments.get(1).equals("images")) {
            v1(caller, segments, request, response, callback);
            return;
        }
        if (segments.size() < 2 || !segments.get(0).equals("v2")) {
            throw ApiException.notFound("Not found: " + ListParameters.quote(path));
        }
        String collection = segments.get(1);
        switch (collection) {
            case "schemas" -> schemas(segments, method, response, callback);
            case "info" -> {
                if (segments.size() != 3 || !List.of("stores", "import").contains(segments.get(2))) {
                    throw ApiException.notFound("Not found: " + ListParameters.quote(path));
                }
                allow(method, "GET");
                Responses.json(response, callback, 200, segments.get(2).equals("stores") ? resources.stores() : imports.info());
            }
            case "images" -> images(caller, segments, request, response, callback);
            default -> throw ApiException.notFound("Not found: " + ListParameters.quote(path));
        }
    }

    private void schemas(List<String> segments, String method, Response response, Callback callback) throws ApiException {
        allow(method, "GET");
        if (segments.size() == 3 && segments.get(2).equals("image")) {
            Responses.bytes(response, callback, 200, schemas.image());
        } else if (segments.size() == 3 && segments.get(2).equals("images")) {
            Responses.bytes(response, callback, 200, schemas.images());
        } else if (segments.size() == 3 && segments.get(2).equals("member")) {
            Responses.bytes(response, callback, 200, schemas.member());
        } else if (segments.size() == 3 && segments.get(2).equals("members")) {
            Responses.bytes(response, callback, 200, schemas.members());
        } else {
            throw ApiException.notFound("No such schema");
        }
    }

    private void images(Caller caller, List<String> segments, Request request, Response response, Callback callback)
            throws Exception {
        String method = request.getMethod();
        if (segments.size() == 2) {
            allow(method, "GET", "POST");
            if (method.equals("GET")) {
                Responses.json(response, callback, 200, resources.list(caller, Request.extractQueryParameters(request)));
            } else {
                Responses.json(response, callback, 201, resources.create(caller, JsonBodies.read(request)));
            }
            return;
        }
        String id = segments.get(2);
        if (segments.size() == 3) {
            allow(method, "GET", "PATCH", "DELETE");
            switch (method) {
                case "GET" -> Responses.json(response, callback, 200, resources.show(caller, id));
                case "PATCH" -> {
                    JsonPatch patch = patch(request);
                    if (patch.locationOperations().isEmpty()) {
                        Responses.json(response, callback, 200, resources.patch(caller, id, patch));
                    } else {
                        locations.patch(caller, id, patch);
                        Responses.json(response, callback, 200, resources.show(caller, id));
                    }
                }
                default -> {
                    resources.delete(caller, id);
                    Responses.empty(response, callback, 204);
                }
            }
            return;
        }
        String sub = segments.get(3);
        if (segments.size() == 4 && sub.equals("file")) {
            allow(method, "GET", "PUT");
            if (method.equals("PUT")) {
                uploads.upload(caller, id, request);
                Responses.empty(response, callback, 204);
            } else {
                downloads.download(caller, id, request, response, callback);
            }
        } else if (segments.size() == 4 && sub.equals("stage")) {
            allow(method, "PUT");
            uploads.stage(caller, id, request);
            Responses.empty(response, callback, 204);
        } else if (segments.size() == 4 && sub.equals("import")) {
            allow(method, "POST");
            imports.start(caller, id, JsonBodies.read(request), request.getHeaders().get(ImageUploads.STORE_HEADER));
            Responses.empty(response, callback, 202);
        } else if (segments.size() == 5 && sub.equals("actions")
                && (segments.get(4).equals("deactivate") || segments.get(4).equals("reactivate"))) {
            allow(method, "POST");
            resources.deactivate(caller, id, segments.get(4).equals("deactivate"));
            Responses.empty(response, callback, 204);
        } else if (sub.equals("members")) {
            members(caller, id, segments, request, response, callback);
        } else if (segments.size() == 5 && sub.equals("tags")) {
            allow(method, "PUT", "DELETE");
            resources.tag(caller, id, segments.get(4), method.equals("PUT"));
            Responses.empty(response, callback, 204);
        } else {
            throw ApiException.notFound("Not found: " + ListParameters.quote(Request.getPathInContext(request)));
        }
    }

    /** The seed's v1 API: {@code /v1/images}, {@code /v1/images/detail}, {@code /v1/images/{id}}. */
    private void v1(Caller caller, List<String> segments, Request request, Response response, Callback callback)
            throws Exception {
        String method = request.getMethod();
        if (segments.size() == 2) {
            allow(method, "GET", "POST");
            if (method.equals("GET")) {
                Responses.json(response, callback, 200, v1.list(caller, Request.extractQueryParameters(request), false));
            } else {
                ObjectNode created = v1.create(caller, request);
                response.getHeaders().put(HttpHeader.LOCATION, "/v1/images/" + created.get("image").get("id").textValue());
                Responses.json(response, callback, 201, created);
            }
            return;
        }
        if (segments.size() != 3) {
            throw ApiException.notFound("Not found: " + ListParameters.quote(Request.getPathInContext(request)));
        }
        String id = segments.get(2);
        if (id.equals("detail")) {
            allow(method, "GET");
            Responses.json(response, callback, 200, v1.list(caller, Request.extractQueryParameters(request), true));
            return;
        }
        allow(method, "HEAD", "GET", "PUT", "DELETE");
        switch (method) {
            case "HEAD" -> {
                V1Headers.write(resources.visible(caller, id), config.showDirectUrl(), response.getHeaders());
                Responses.empty(response, callback, 200);
            }
            case "GET" -> downloads.download(caller, id, request, response, callback,
                    (image, headers) -> V1Headers.write(image, config.showDirectUrl(), headers));
            case "PUT" -> Responses.json(response, callback, 200, v1.update(caller, id, request));
            default -> {
                resources.delete(caller, id);
                Responses.empty(response, callback, 200);
            }
        }
    }

    private void members(Caller caller, String id, List<String> segments, Request request, Response response,
            Callback callback) throws Exception {
        String method = request.getMethod();
        if (segments.size() == 4) {
            allow(method, "GET", "POST");
            if (method.equals("GET")) {
                Responses.json(response, callback, 200, members.list(caller, id));
            } else {
                Responses.json(response, callback, 200, members.add(caller, id, JsonBodies.read(request)));
            }
            return;
        }
        String member = segments.get(4);
        allow(method, "GET", "PUT", "DELETE");
        switch (method) {
            case "GET" -> Responses.json(response, callback, 200, members.show(caller, id, member));
            case "PUT" -> Responses.json(response, callback, 200, members.answer(caller, id, member, JsonBodies.read(request)));
            default -> {
                members.remove(caller, id, member);
                Responses.empty(response, callback, 204);
            }
        }
    }

    private JsonPatch patch(Request request) throws Exception {
        String type = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE)).orElse("")
                .split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!type.equals(JsonPatch.V21) && !type.equals(JsonPatch.V20)) {
            throw new ApiException(415, "A PATCH must be sent as " + JsonPatch.V21 + " or " + JsonPatch.V20,
                    Map.of("Accept-Patch", JsonPatch.V21 + ", " + JsonPatch.V20));
        }
        return JsonPatch.parse(JsonBodies.read(request), type.equals(JsonPatch.V21));
    }

    private Caller authenticate(Request request) throws ApiException {
        if (!config.requiresToken()) {
            return Caller.UNAUTHENTICATED;
        }
        String token = request.getHeaders().get(TOKEN_HEADER);
        if (token == null || token.isEmpty()) {
            throw new ApiException(401, "This service requires an X-Auth-Token header");
        }
        TokenGrant grant = config.grant(token).orElseThrow(() -> new ApiException(401, "The X-Auth-Token is not valid"));
        return new Caller(Optional.of(grant.project()), grant.isAdmin());
    }

    private static void allow(String method, String... allowed) throws ApiException {
        for (String one : allowed) {
            if (one.equals(method)) {
                return;
            }
        }
        throw new ApiException(405, "Method " + ListParameters.quote(method) + " is not allowed here",
                Map.of(HttpHeader.ALLOW.asString(), String.join(", ", allowed)));
    }

    private static List<String> segments(String path) throws ApiException {
        List<String> segments = new java.util.ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        if (segments.size() > 5) {
            throw ApiException.notFound("Not found");
        }
        return segments;
    }

    private static String baseUrl(Request request) {
        return request.getHttpURI().getScheme() + "://" + Request.getServerName(request) + ":" + Request.getServerPort(request);
    }
}
