package io.stowage.image.service.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.image.service.registry.ImageAttributes;
import io.stowage.image.service.registry.ImageLocation;
import io.stowage.image.service.registry.ImageRegistry;
import io.stowage.image.service.registry.ImageStatus;
import io.stowage.image.service.registry.QuotaExceededException;
import io.stowage.image.service.registry.StagedUploads.StagedImport;
import io.stowage.image.service.registry.Upload;
import io.stowage.image.service.registry.UploadRegistry.LapsedUpload;
import io.stowage.image.service.registry.UploadTransition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Staged data and its {@code glance-direct} import in the registry, on SQLite and on a real
 * PostgreSQL: staged data waits without a lapsing lease and counts against its owner's quota; of
 * racing imports of one staged image exactly one begins; an import whose node died is recovered
 * like any upload, and its staged data is given up with it (listed for removal, its bytes
 * released).
 */
class StagedImportRegistryTest {
    private static final long SIZE = 1000;
    private static final Duration LEASE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();

    private String url(String kind) {
        return TestRegistries.url(kind, dir);
    }

    private ImageRegistry open(String url, long quota) throws Exception {
        return TestRegistries.open(url, clock, LEASE, quota);
    }

    /** A queued image of owner p1 with its data staged: the stage ran and finished. */
    private static Upload staged(ImageRegistry registry, String id) throws Exception {
        registry.create(id, Optional.of("p1"), ImageAttributes.defaults());
        Upload stage = registry.uploads().begin(id, UploadTransition.STAGE, "local", SIZE).orElseThrow();
        assertThat(registry.staging().finish(stage, new ImageLocation("file:///data/" + stage.objectId(),
                Map.of("store", "local")), SIZE)).isTrue();
        return stage;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void stagedDataWaitsForItsImportAndHoldsItsBytesOfTheQuota(String kind) throws Exception {
        try (ImageRegistry registry = open(url(kind), 2 * SIZE)) {
            String id = UUID.randomUUID().toString();
            staged(registry, id);
            clock.advance(Duration.ofDays(30));

            assertThat(registry.find(id).orElseThrow().status()).isEqualTo(ImageStatus.UPLOADING);
            assertThat(registry.uploads().lapsed(id)).as("staged data never lapses").isEmpty();
            String other = UUID.randomUUID().toString();
            registry.create(other, Optional.of("p1"), ImageAttributes.defaults());
            assertThatThrownBy(() -> registry.uploads().begin(other, UploadTransition.UPLOAD, "local", SIZE + 1))
                    .isInstanceOf(QuotaExceededException.class);
            assertThat(registry.uploads().begin(other, UploadTransition.UPLOAD, "local", SIZE)).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void ofRacingImportsOfOneStagedImageExactlyOneBegins(String kind) throws Exception {
        String url = url(kind);
        String id = UUID.randomUUID().toString();
        try (ImageRegistry first = open(url, Long.MAX_VALUE)) {
            staged(first, id);
        }
        List<ImageRegistry> nodes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            nodes.add(open(url, Long.MAX_VALUE));
        }
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        CyclicBarrier start = new CyclicBarrier(nodes.size());
        try {
            List<Future<Optional<StagedImport>>> imports = new ArrayList<>();
            for (ImageRegistry node : nodes) {
                imports.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return node.staging().beginImport(id, "fast");
                }));
            }
            int begun = 0;
            for (Future<Optional<StagedImport>> result : imports) {
                begun += result.get(60, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }

            assertThat(begun).isEqualTo(1);
            assertThat(nodes.get(0).find(id).orElseThrow().status()).isEqualTo(ImageStatus.IMPORTING);
        } finally {
            threads.shutdownNow();
            nodes.forEach(ImageRegistry::close);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anImportWhoseNodeDiedIsRecoveredAndItsStagedDataGivenUp(String kind) throws Exception {
        try (ImageRegistry registry = open(url(kind), SIZE)) {
            String id = UUID.randomUUID().toString();
            Upload stage = staged(registry, id);
            StagedImport taken = registry.staging().beginImport(id, "fast").orElseThrow();
            assertThat(taken.staged().objectId()).isEqualTo(stage.objectId());
            assertThat(taken.staged().size()).isEqualTo(SIZE);
            clock.advance(LEASE.plusSeconds(1));

            List<LapsedUpload> lapsed = registry.uploads().lapsed(10);
            assertThat(lapsed).extracting(one -> one.upload().uploadId()).containsExactly(taken.upload().uploadId());
            assertThat(registry.uploads().claimLapsed(lapsed.get(0))).isTrue();

            assertThat(registry.find(id).orElseThrow().status()).isEqualTo(ImageStatus.QUEUED);
            assertThat(registry.uploads().lapsed(id)).as("the staged data is given up: its lease lapsed")
                    .extracting(one -> one.upload().objectId()).containsExactly(stage.objectId());
            // the quota is whole again: both the staged bytes and the import's are released
            String other = UUID.randomUUID().toString();
            registry.create(other, Optional.of("p1"), ImageAttributes.defaults());
            assertThat(registry.uploads().begin(other, UploadTransition.UPLOAD, "local", SIZE)).isPresent();
        }
    }
}
