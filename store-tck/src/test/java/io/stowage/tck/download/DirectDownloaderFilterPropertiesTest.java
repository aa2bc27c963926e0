package io.stowage.tck.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.ChecksumAlgorithm;
import io.stowage.Location;
import io.stowage.StoreException;
import io.stowage.core.download.AllowedSchemes;
import io.stowage.core.download.DirectDownloader;
import io.stowage.download.DownloadHandler;
import io.stowage.core.download.DownloadOptions;
import io.stowage.core.download.DownloadResult;
import io.stowage.tck.source.Payload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The allowed-scheme filter of {@link DirectDownloader}, against an oracle that walks the
 * candidates the way DESIGN says: in order, each location at most once, only allowed schemes
 * (case-insensitively) that have a handler, until one succeeds — where writing data that
 * fails the expected size or checksum is a failure — and the fallback exactly when none did.
 */
class DirectDownloaderFilterPropertiesTest {
    private static final List<String> SCHEMES = List.of("file", "s3", "http", "https", "memory", "rbd");
    private static final Payload DATA = Payload.of(300, 42);
    private static Path base;

    /** What a handler does with one candidate. */
    enum Behaviour {
        SUCCEEDS, FAILS, FAILS_UNCHECKED, WRITES_OTHER_BYTES, WRITES_TOO_FEW_BYTES
    }

    record Candidate(String text, Behaviour behaviour) {}

    record Scenario(Set<String> allowed, Set<String> handlerSchemes, List<Candidate> candidates, boolean sizeKnown,
            boolean checksumKnown, Optional<Boolean> fallbackSucceeds) {}

    @BeforeContainer
    static void createBase() throws IOException {
        base = Files.createTempDirectory("stowage-tck-direct-download");
    }

    @AfterContainer
    static void deleteBase() throws IOException {
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Property(tries = 1000)
    void triesAllowedCandidatesInOrderOnceAndFallsBackOnlyWhenAllFailed(@ForAll("scenarios") Scenario scenario)
            throws Exception {
        List<String> calls = new ArrayList<>();
        Map<String, Behaviour> behaviours = new LinkedHashMap<>();
        for (Candidate candidate : scenario.candidates()) {
            behaviours.putIfAbsent(Location.parse(candidate.text()).url(), candidate.behaviour());
        }
        Map<String, DownloadHandler> handlers = new LinkedHashMap<>();
        for (String scheme : scenario.handlerSchemes()) {
            handlers.put(scheme, (location, target) -> {
                calls.add(location.url());
                behave(behaviours.get(location.url()), location, target);
            });
        }
        DirectDownloader downloader = DirectDownloader.of(AllowedSchemes.of(scenario.allowed()), handlers);
        List<Location> candidates = new ArrayList<>();
        for (Candidate candidate : scenario.candidates()) {
            candidates.add(Location.parse(candidate.text()));
        }
        DownloadOptions options = DownloadOptions.none();
        if (scenario.sizeKnown()) {
            options = options.withExpectedSize(DATA.size());
        }
        if (scenario.checksumKnown()) {
            options = options.withExpectedChecksum(DATA.checksum(ChecksumAlgorithm.SHA256));
        }
        boolean[] fallbackCalled = {false};
        Path dir = Files.createTempDirectory(base, "try");
        Path target = dir.resolve("image");

        Expected expected = oracle(scenario, behaviours);
        Optional<DownloadResult> result;
        Exception failure = null;
        try {
            result = Optional.of(scenario.fallbackSucceeds().isEmpty()
                    ? downloader.download(candidates, target, options)
                    : downloader.download(candidates, target, options, () -> {
                        fallbackCalled[0] = true;
                        if (!scenario.fallbackSucceeds().get()) {
                            throw new StoreException("fallback unavailable");
                        }
                        return DATA.open();
                    }));
        } catch (IOException e) {
            result = Optional.empty();
            failure = e;
        }

        assertThat(calls).as("handler calls").containsExactlyElementsOf(expected.calls());
        assertThat(calls).as("schemes that reached a handler").allSatisfy(url ->
                assertThat(AllowedSchemes.of(scenario.allowed()).allows(Location.parse(url).scheme())).isTrue());
        assertThat(new HashSet<>(calls)).as("each candidate at most once").hasSameSizeAs(calls);
        assertThat(fallbackCalled[0]).as("fallback called").isEqualTo(expected.fallbackCalled());
        if (expected.served().isPresent() || expected.fallbackServes()) {
            assertThat(failure).as("download failure").isNull();
            assertThat(result).isPresent();
            assertThat(result.get().source().map(Location::url)).isEqualTo(expected.served());
            byte[] written = Files.readAllBytes(target);
            assertThat(written).isEqualTo(expected.bytes());
            assertThat(result.get().size()).isEqualTo(written.length);
            assertThat(listing(dir)).containsExactly("image");
        } else {
            assertThat(result).as("result of a download that should have failed").isEmpty();
            assertThat(listing(dir)).as("files left after a failed download").isEmpty();
        }
        deleteTree(dir);
    }

    record Expected(List<String> calls, Optional<String> served, boolean fallbackCalled, boolean fallbackServes,
            byte[] bytes) {}

    private static Expected oracle(Scenario scenario, Map<String, Behaviour> behaviours) throws Exception {
        Set<String> allowed = lower(scenario.allowed());
        Set<String> handled = lower(scenario.handlerSchemes());
        Set<String> seen = new HashSet<>();
        List<String> calls = new ArrayList<>();
        for (Candidate candidate : scenario.candidates()) {
            Location location = Location.parse(candidate.text());
            String scheme = location.scheme();
            if (!seen.add(location.url()) || !allowed.contains(scheme) || !handled.contains(scheme)) {
                continue;
            }
            calls.add(location.url());
            Behaviour behaviour = behaviours.get(location.url());
            boolean verifiable = scenario.sizeKnown() || scenario.checksumKnown();
            boolean accepted = switch (behaviour) {
                case SUCCEEDS -> true;
                case FAILS, FAILS_UNCHECKED -> false;
                case WRITES_OTHER_BYTES -> !scenario.checksumKnown();
                case WRITES_TOO_FEW_BYTES -> !verifiable;
            };
            if (accepted) {
                return new Expected(calls, Optional.of(location.url()), false, false, bytesOf(behaviour));
            }
        }
        boolean fallbackCalled = scenario.fallbackSucceeds().isPresent();
        boolean fallbackServes = scenario.fallbackSucceeds().orElse(false);
        return new Expected(calls, Optional.empty(), fallbackCalled, fallbackServes, DATA.bytes());
    }

    private static void behave(Behaviour behaviour, Location location, Path target) throws IOException {
        switch (behaviour) {
            case FAILS -> throw new StoreException("injected failure of " + location);
            case FAILS_UNCHECKED -> throw new IllegalStateException("injected unchecked failure of " + location);
            default -> Files.copy(new ByteArrayInputStream(bytesOf(behaviour)), target,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] bytesOf(Behaviour behaviour) {
        return switch (behaviour) {
            case WRITES_OTHER_BYTES -> Payload.of(DATA.size(), 7).bytes();
            case WRITES_TOO_FEW_BYTES -> Payload.of(DATA.size() - 1, DATA.seed()).bytes();
            default -> DATA.bytes();
        };
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<String> schemes = Arbitraries.of(SCHEMES);
        Arbitrary<Set<String>> allowed = schemes.set().ofMaxSize(SCHEMES.size()).flatMap(set -> randomCase(set));
        Arbitrary<Set<String>> handlerSchemes = schemes.set().ofMaxSize(SCHEMES.size()).flatMap(set -> randomCase(set));
        Arbitrary<Candidate> candidate = Combinators.combine(schemes, Arbitraries.integers().between(0, 3),
                        Arbitraries.of(Behaviour.class), Arbitraries.of(true, false))
                .as((scheme, n, behaviour, upper) -> new Candidate(
                        (upper ? scheme.toUpperCase(Locale.ROOT) : scheme) + "://host/object-" + n, behaviour));
        Arbitrary<Optional<Boolean>> fallback = Arbitraries.of(true, false).optional(0.7);
        return Combinators.combine(allowed, handlerSchemes, candidate.list().ofMaxSize(7), Arbitraries.of(true, false),
                        Arbitraries.of(true, false), fallback)
                .as(Scenario::new);
    }

    private static Arbitrary<Set<String>> randomCase(Set<String> schemes) {
        List<String> list = new ArrayList<>(schemes);
        return Arbitraries.of(true, false).list().ofSize(list.size()).map(upper -> {
            Set<String> out = new java.util.LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(upper.get(i) ? list.get(i).toUpperCase(Locale.ROOT) : list.get(i));
            }
            return out;
        });
    }

    private static Set<String> lower(Set<String> schemes) {
        Set<String> out = new HashSet<>();
        schemes.forEach(scheme -> out.add(scheme.toLowerCase(Locale.ROOT)));
        return out;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
