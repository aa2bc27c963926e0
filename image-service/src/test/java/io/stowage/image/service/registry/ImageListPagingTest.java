package io.stowage.image.service.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Paging by marker through every sort order: the pages, joined, are exactly all images in the
 * order a plain sort in Java gives (names and sizes partly missing, many ties), none twice.
 */
class ImageListPagingTest {
    @TempDir
    static Path dir;
    private static ImageRegistry registry;
    private static final List<Image> ALL = new ArrayList<>();

    @BeforeAll
    static void fill() throws Exception {
        // a clock with many equal timestamps, so that ties are broken by the id
        Clock coarse = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        registry = ImageRegistry.open("jdbc:sqlite:" + dir.resolve("images.db"), coarse);
        Random random = new Random(11);
        for (int i = 0; i < 57; i++) {
            String id = UUID.randomUUID().toString();
            Optional<String> name = random.nextInt(4) == 0 ? Optional.empty() : Optional.of("n" + random.nextInt(9));
            ImageAttributes attributes = new ImageAttributes(name, Visibility.PUBLIC, false, false, Optional.empty(),
                    Optional.of(random.nextBoolean() ? "raw" : "qcow2"), random.nextInt(3), 0, new TreeSet<>(), java.util.Map.of());
            registry.create(id, Optional.of("p"), attributes);
            if (random.nextBoolean()) {
                Upload upload = registry.uploads().begin(id, UploadTransition.UPLOAD, "local", 0).orElseThrow();
                registry.uploads().finish(upload, new ImageData(random.nextInt(5), "0".repeat(32), "sha512", "0".repeat(128),
                        List.of(new ImageLocation("memory://x/" + id, java.util.Map.of()))));
            }
            ALL.add(registry.find(id).orElseThrow());
        }
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    @ParameterizedTest
    @CsvSource({"name,true", "name,false", "size,true", "size,false", "created_at,false", "id,true", "status,true",
            "disk_format,false", "min_ram,true"})
    void pagesJoinToTheWholeOrder(String key, boolean ascending) {
        Comparator<Image> order = comparator(key, ascending).thenComparing(Image::id,
                ascending ? Comparator.<String>naturalOrder() : Comparator.<String>reverseOrder());
        List<String> expected = ALL.stream().sorted(order).map(Image::id).toList();

        List<String> paged = new ArrayList<>();
        Optional<String> marker = Optional.empty();
        while (true) {
            ImageQuery.Builder query = ImageQuery.builder(true, Optional.empty()).limit(5).sort(new SortKey(key, ascending));
            marker.ifPresent(query::marker);
            List<Image> page = registry.list(query.build());
            page.forEach(image -> paged.add(image.id()));
            if (page.size() < 5) {
                break;
            }
            marker = Optional.of(page.get(page.size() - 1).id());
        }

        assertThat(paged).isEqualTo(expected);
    }

    private static Comparator<Image> comparator(String key, boolean ascending) {
        Function<Image, Comparable<?>> value = switch (key) {
            case "name" -> image -> image.attributes().name().orElse("");
            case "size" -> image -> image.data().map(ImageData::size).orElse(-1L);
            case "created_at" -> Image::createdAt;
            case "id" -> Image::id;
            case "status" -> image -> image.status().id();
            case "disk_format" -> image -> image.attributes().diskFormat().orElse("");
            case "min_ram" -> image -> image.attributes().minRam();
            default -> throw new IllegalArgumentException(key);
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Image> comparator = Comparator.comparing(image -> (Comparable) value.apply(image));
        return ascending ? comparator : comparator.reversed();
    }
}
