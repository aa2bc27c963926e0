package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import io.stowage.InvalidConfigurationException;
import io.stowage.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The image API servers, shuffled once and then cycled (Nova's {@code get_api_servers}): every
 * client starts at another server, so that clients spread over the servers, and a call that
 * fails on one goes to the next. Safe to share between threads.
 */
final class ApiServers {
    private final List<URI> order;
    private final AtomicInteger next = new AtomicInteger();

    private ApiServers(List<URI> order) {
        this.order = List.copyOf(order);
    }

    /**
     * Parses and shuffles the servers. Each is a base URL ({@code http://host:9292}, with a path
     * prefix when the API lives below one) or Nova's {@code host:port}, taken as {@code http}.
     *
     * @throws InvalidConfigurationException for an empty list, a URL that is not http(s) or carries
     *     user-info, a query or a fragment
     */
    static ApiServers shuffled(List<String> servers, Random random) throws InvalidConfigurationException {
        requireNonNull(servers, "servers is null");
        requireNonNull(random, "random is null");
        if (servers.isEmpty()) {
            throw new InvalidConfigurationException("No image API server is configured");
        }
        List<URI> parsed = new ArrayList<>();
        for (String server : servers) {
            parsed.add(parse(server));
        }
        Collections.shuffle(parsed, random);
        return new ApiServers(parsed);
    }

    static URI parse(String server) throws InvalidConfigurationException {
        requireNonNull(server, "server is null");
        String text = server.strip();
        if (!text.contains("//")) {
            text = "http://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(server, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(server, "only http and https are served");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(server, "credentials do not belong in it; give the token with --token or STOWAGE_IMAGES_TOKEN");
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(server, "expected scheme://host[:port][/path] without query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        try {
            return new URI(scheme + "://" + uri.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw invalid(server, "not a URL");
        }
    }

    private static InvalidConfigurationException invalid(String server, String reason) {
        return new InvalidConfigurationException("Invalid image API server " + Redaction.quote(Redaction.url(server)) + ": " + reason);
    }

    /** The server for the next attempt. */
    URI next() {
        return order.get(Math.floorMod(next.getAndIncrement(), order.size()));
    }

    int size() {
        return order.size();
    }

    /** The servers in the order they are cycled through. */
    List<URI> order() {
        return order;
    }

    @Override
    public String toString() {
        return order.toString();
    }
}
