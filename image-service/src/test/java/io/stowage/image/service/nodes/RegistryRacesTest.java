package io.stowage.image.service.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.image.service.registry.ImageAttributes;
import io.stowage.image.service.registry.ImageRegistry;
import io.stowage.image.service.registry.ImageStatus;
import io.stowage.image.service.registry.QuotaExceededException;
import io.stowage.image.service.registry.Upload;
import io.stowage.image.service.registry.UploadTransition;
import io.stowage.image.service.registry.UploadRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The registry's conditional updates under real concurrency, on SQLite and on a real PostgreSQL,
 * each caller with its own registry (its own pool, as separate nodes have): of racing uploads to
 * one image exactly one begins; racing reservations of one owner never pass the quota together;
 * a lapsed upload is claimed by exactly one of several recovering nodes, which returns its image.
 */
class RegistryRacesTest {
    private static final int NODES = 6;

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();

    private String url(String kind) {
        return TestRegistries.url(kind, dir);
    }

    private List<ImageRegistry> nodes(String url, long quota) throws Exception {
        List<ImageRegistry> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodes.add(TestRegistries.open(url, clock, Duration.ofSeconds(10), quota));
        }
        return nodes;
    }

    private static <T> List<T> race(List<ImageRegistry> nodes, RaceStep<T> step) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        CyclicBarrier start = new CyclicBarrier(nodes.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (ImageRegistry node : nodes) {
                futures.add(threads.submit((Callable<T>) () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return step.run(node);
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
            nodes.forEach(ImageRegistry::close);
        }
    }

    @FunctionalInterface
    private interface RaceStep<T> {
        T run(ImageRegistry node) throws Exception;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void ofRacingUploadsToOneImageExactlyOneBegins(String kind) throws Exception {
        List<ImageRegistry> nodes = nodes(url(kind), Long.MAX_VALUE);
        String id = UUID.randomUUID().toString();
        nodes.get(0).create(id, Optional.of("p1"), ImageAttributes.defaults());

        List<Boolean> began = race(nodes, node -> node.uploads().begin(id, UploadTransition.UPLOAD, "s3", 0).isPresent());

        assertThat(began).filteredOn(Boolean::booleanValue).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void racingReservationsOfOneOwnerNeverPassTheQuotaTogether(String kind) throws Exception {
        String url = url(kind);
        List<ImageRegistry> nodes = nodes(url, 1000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            ids.add(UUID.randomUUID().toString());
            nodes.get(0).create(ids.get(i), Optional.of("p1"), ImageAttributes.defaults());
        }
        AtomicLong next = new AtomicLong();

        // each node begins an upload with 100 bytes reserved, then asks for 300 more: 1000 fit
        List<Long> granted = race(nodes, node -> {
            String id = ids.get((int) next.getAndIncrement());
            Upload upload;
            try {
                upload = node.uploads().begin(id, UploadTransition.UPLOAD, "s3", 100).orElseThrow();
            } catch (QuotaExceededException e) {
                return 0L;
            }
            return node.uploads().reserveMore(upload, 300) ? 400L : 100L;
        });

        assertThat(granted.stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(1000).isGreaterThanOrEqualTo(900);
        assertThat(granted).contains(400L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aLapsedUploadIsClaimedByExactlyOneRecoveringNode(String kind) throws Exception {
        String url = url(kind);
        List<ImageRegistry> nodes = nodes(url, Long.MAX_VALUE);
        String id = UUID.randomUUID().toString();
        nodes.get(0).create(id, Optional.of("p1"), ImageAttributes.defaults());
        Upload upload = nodes.get(0).uploads().begin(id, UploadTransition.UPLOAD, "s3", 0).orElseThrow();
        assertThat(nodes.get(1).uploads().lapsed(10)).as("lapsed while the lease runs").isEmpty();
        clock.advance(Duration.ofSeconds(11));

        List<Boolean> claimed = race(nodes, node -> {
            List<UploadRegistry.LapsedUpload> lapsed = node.uploads().lapsed(10);
            return lapsed.size() == 1 && lapsed.get(0).upload().equals(upload) && node.uploads().claimLapsed(lapsed.get(0));
        });

        assertThat(claimed).filteredOn(Boolean::booleanValue).hasSize(1);
        try (ImageRegistry check = TestRegistries.open(url, clock, Duration.ofSeconds(10), Long.MAX_VALUE)) {
            assertThat(check.find(id).orElseThrow().status()).isEqualTo(ImageStatus.QUEUED);
            assertThat(check.uploads().renew(List.of(upload.uploadId()))).as("the dead upload's renewal finds it lost")
                    .containsExactly(upload.uploadId());
        }
    }
}
