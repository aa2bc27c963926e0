package io.stowage.image.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.Checksum;
import io.stowage.ChecksumAlgorithm;
import io.stowage.Location;
import io.stowage.StoreException;
import io.stowage.core.download.AllowedSchemes;
import io.stowage.core.download.DirectDownloader;
import io.stowage.download.DownloadHandler;
import io.stowage.core.download.DownloadOptions;
import io.stowage.core.download.DownloadResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * The candidates of a download and the scheme filter, over random location lists (locations in
 * any case, duplicates, unparsable urls, a {@code direct_url} that repeats a location or not) and
 * random allow-lists and handler sets, checked against an oracle: the locations in order, then a
 * new {@code direct_url}; each location at most once; only allowed schemes that have a handler,
 * case-insensitively; the first that serves ends the search; the API only when none served.
 */
class DownloadCandidatesPropertiesTest {
    private static final byte[] DATA = "the image".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> SCHEMES = List.of("file", "FILE", "s3", "S3", "http", "https", "Https", "rbd", "ftp");
    private static final Set<String> HANDLER_SCHEMES = Set.of("file", "s3", "http", "https", "rbd");

    private Path dir;

    @BeforeProperty
    void createDir() throws IOException {
        dir = Files.createTempDirectory("candidates");
    }

    @AfterProperty
    void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    record Scenario(List<String> locations, Optional<String> directUrl, Set<String> allowed, Set<String> handled,
            Set<String> serving) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<String> url = Combinators.combine(Arbitraries.of(SCHEMES), Arbitraries.of("a", "b", "c", "d"))
                .as((scheme, name) -> scheme.equalsIgnoreCase("file") ? scheme + ":///images/" + name : scheme + "://h/" + name)
                .injectDuplicates(0.2);
        Arbitrary<String> location = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, url), net.jqwik.api.Tuple.of(1, Arbitraries.just("not a url")));
        Arbitrary<List<String>> locations = location.list().ofMaxSize(6);
        Arbitrary<Set<String>> allowed = Arbitraries.of(SCHEMES).set().ofMaxSize(5);
        Arbitrary<Set<String>> handled = Arbitraries.of(HANDLER_SCHEMES).set();
        return Combinators.combine(locations, url.optional(), allowed, handled, Arbitraries.of(0, 1, 2, 3).list().ofSize(16))
                .as((urls, direct, allow, handlers, serve) -> {
                    Set<String> serving = new HashSet<>();
                    List<String> all = new ArrayList<>(urls);
                    direct.ifPresent(all::add);
                    for (int i = 0; i < all.size(); i++) {
                        if (serve.get(i % serve.size()) == 0) {
                            serving.add(normal(all.get(i)));
                        }
                    }
                    Optional<String> directUrl = direct.isPresent() && !urls.isEmpty() && serve.get(15) == 1
                            ? Optional.of(urls.get(0)) // a direct_url that repeats the first location
                            : direct;
                    return new Scenario(urls, directUrl, allow, handlers, serving);
                });
    }

    @Property(tries = 400)
    void candidatesAreTriedInOrderOnlyWhenAllowedAndHandledUntilOneServes(@ForAll("scenarios") Scenario scenario)
            throws Exception {
        List<String> calls = new ArrayList<>();
        Map<String, DownloadHandler> handlers = new HashMap<>();
        for (String scheme : scenario.handled()) {
            handlers.put(scheme, (location, target) -> {
                calls.add(location.url());
                if (!scenario.serving().contains(location.url())) {
                    throw new StoreException("unreachable: " + location);
                }
                Files.write(target, DATA);
            });
        }
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(scenario.allowed()), handlers);
        DownloadOptions options = DownloadOptions.none().withExpectedSize(DATA.length)
                .withExpectedChecksum(new Checksum(ChecksumAlgorithm.SHA512, sha512()));

        DownloadResult result = downloader.download(ImageDownloads.candidates(image(scenario)), dir.resolve("target"), options,
                () -> {
                    calls.add("api");
                    return new ByteArrayInputStream(DATA);
                });

        List<String> expected = oracle(scenario);
        assertThat(calls).isEqualTo(expected);
        assertThat(result.source().map(Location::url).orElse("api")).isEqualTo(expected.get(expected.size() - 1));
        assertThat(dir.resolve("target")).hasBinaryContent(DATA);
    }

    /** What must be tried, in order, ending with the source that served ("api" for the fallback). */
    private static List<String> oracle(Scenario scenario) {
        List<String> ordered = new ArrayList<>();
        for (String location : scenario.locations()) {
            if (location.contains("://")) {
                ordered.add(normal(location));
            }
        }
        if (scenario.directUrl().isPresent() && !scenario.locations().contains(scenario.directUrl().get())) {
            ordered.add(normal(scenario.directUrl().get()));
        }
        Set<String> allowed = new HashSet<>();
        scenario.allowed().forEach(scheme -> allowed.add(scheme.toLowerCase(Locale.ROOT)));
        Set<String> seen = new HashSet<>();
        List<String> tried = new ArrayList<>();
        for (String url : ordered) {
            String scheme = url.substring(0, url.indexOf(':'));
            if (!seen.add(url) || !allowed.contains(scheme) || !scenario.handled().contains(scheme)) {
                continue;
            }
            tried.add(url);
            if (scenario.serving().contains(url)) {
                return tried;
            }
        }
        tried.add("api");
        return tried;
    }

    /** A url as a location spells it: the scheme in lower case. */
    private static String normal(String url) {
        int colon = url.indexOf(':');
        return colon < 0 ? url : url.substring(0, colon).toLowerCase(Locale.ROOT) + url.substring(colon);
    }

    private static Image image(Scenario scenario) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("id", "6f1c1a52-0000-4000-8000-000000000001");
        attributes.put("status", "active");
        attributes.put("size", DATA.length);
        scenario.directUrl().ifPresent(url -> attributes.put("direct_url", url));
        List<ImageLocation> locations = scenario.locations().stream()
                .map(url -> new ImageLocation(url, Map.of("store", "any"))).toList();
        return new Image(attributes, locations);
    }

    private static String sha512() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(DATA));
    }
}
