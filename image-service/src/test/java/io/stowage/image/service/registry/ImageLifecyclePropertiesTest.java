package io.stowage.image.service.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.stowage.AddOptions;
import io.stowage.Location;
import io.stowage.ObjectId;
import io.stowage.StoredObject;
import io.stowage.tck.memory.MemoryStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The registry's lifecycle against a model (jqwik): random interleavings of several callers'
 * creates, uploads (begin, store the data, finish — or fail), deletes, deactivations and
 * reactivations, run step by step as the service runs them. After every step the registry agrees
 * with the model (so no transition the lifecycle forbids happened, and of racing callers exactly
 * the one the model allows won); no active image lacks its data; and no object is in the store
 * that is not the data of an active or deactivated image or of an upload still in flight. When
 * the in-flight uploads end, no orphan is left.
 */
class ImageLifecyclePropertiesTest {
    private static final int CALLERS = 3;
    private static final int IMAGES = 3;
    private static Path dir;
    private static ImageRegistry registry;
    private static MemoryStore store;

    enum Kind { CREATE, BEGIN, STORE, FINISH, FAIL, DELETE, DEACTIVATE, REACTIVATE }

    record Step(Kind kind, int caller, int image) {
        @Override
        public String toString() {
            return kind + "(caller " + caller + ", image " + image + ")";
        }
    }

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("lifecycle-properties");
        registry = ImageRegistry.open("jdbc:sqlite:" + dir.resolve("images.db"), Clock.systemUTC());
        store = new MemoryStore("lifecycle");
    }

    @AfterContainer
    static void close() throws Exception {
        registry.close();
        store.close();
        try (var files = Files.walk(dir)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, CALLERS - 1),
                Arbitraries.integers().between(0, IMAGES - 1)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 150)
    void theRegistryFollowsTheLifecycleAndTheStoreHoldsNoOrphan(@ForAll("steps") List<Step> steps) throws Exception {
        Run run = new Run();
        for (Step step : steps) {
            run.apply(step);
            run.check(step);
        }
        run.endInFlightUploads();
        run.check(null);
        assertThat(run.inFlight).isEmpty();
        assertThat(run.objectsOfThisRun()).as("objects left").isEqualTo(run.dataOfLiveImages());
    }

    /** One try: its own image ids in the shared registry and store. */
    private static final class Run {
        final LifecycleModel model = new LifecycleModel();
        final List<String> ids = new ArrayList<>();
        /** A caller's upload: the image, the registry's upload id, and the object once stored. */
        final Map<Integer, InFlight> inFlight = new HashMap<>();
        /** The object of each image with data. */
        final Map<String, ObjectId> objects = new HashMap<>();

        record InFlight(Upload upload, Optional<Location> stored, long size) {
            String image() {
                return upload.imageId();
            }
        }

        Run() {
            for (int i = 0; i < IMAGES; i++) {
                ids.add(UUID.randomUUID().toString());
            }
        }

        void apply(Step step) throws Exception {
            String id = ids.get(step.image());
            InFlight upload = inFlight.get(step.caller());
            switch (step.kind()) {
                case CREATE -> {
                    if (model.image(id).isPresent()) {
                        org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> registry.create(id, Optional.empty(), ImageAttributes.defaults()))
                                .isInstanceOf(DuplicateImageException.class);
                    } else if (!everCreated.contains(id)) {
                        registry.create(id, Optional.of("p" + step.caller()), ImageAttributes.defaults());
                        model.created(id);
                        everCreated.add(id);
                    }
                }
                case BEGIN -> {
                    if (upload == null) {
                        Optional<Upload> began = registry.uploads().begin(id, UploadTransition.UPLOAD, "lifecycle", 0);
                        assertThat(began.isPresent()).as("begin won").isEqualTo(model.begin(id, step.caller()));
                        began.ifPresent(one -> inFlight.put(step.caller(), new InFlight(one, Optional.empty(), 0)));
                    }
                }
                case STORE -> {
                    if (upload != null && upload.stored().isEmpty()) {
                        byte[] data = new byte[1 + (step.image() * 7 + step.caller()) % 50];
                        StoredObject stored = store.add(ObjectId.of(upload.upload().objectId()), new ByteArrayInputStream(data),
                                AddOptions.builder().onlyChecksums(Set.of()).build());
                        inFlight.put(step.caller(), new InFlight(upload.upload(), Optional.of(stored.location()), data.length));
                    }
                }
                case FINISH -> {
                    if (upload != null && upload.stored().isPresent()) {
                        finish(step.caller(), upload);
                    }
                }
                case FAIL -> {
                    if (upload != null && upload.stored().isEmpty()) {
                        // an add that failed stored nothing; the upload returns the image to queued
                        assertThat(registry.uploads().abandon(upload.upload())).as("abandon")
                                .isEqualTo(model.abandon(upload.image(), step.caller()));
                        registry.uploads().forget(upload.upload().uploadId());
                        inFlight.remove(step.caller());
                    }
                }
                case DELETE -> delete(id);
                case DEACTIVATE -> assertThat(registry.changeStatus(id, ImageStatus.ACTIVE, ImageStatus.DEACTIVATED))
                        .as("deactivate").isEqualTo(model.change(id, ImageStatus.ACTIVE, ImageStatus.DEACTIVATED));
                case REACTIVATE -> assertThat(registry.changeStatus(id, ImageStatus.DEACTIVATED, ImageStatus.ACTIVE))
                        .as("reactivate").isEqualTo(model.change(id, ImageStatus.DEACTIVATED, ImageStatus.ACTIVE));
            }
        }

        final Set<String> everCreated = new HashSet<>();

        /** As the service: finish, or remove the data when the image went meanwhile. */
        void finish(int caller, InFlight upload) throws IOException {
            Location location = upload.stored().orElseThrow();
            ImageData data = new ImageData(upload.size(), "0".repeat(32), "sha512", "0".repeat(128),
                    List.of(new ImageLocation(location.url(), location.metadata())));
            boolean finished = registry.uploads().finish(upload.upload(), data);
            assertThat(finished).as("finish").isEqualTo(model.finish(upload.image(), caller, upload.size()));
            if (finished) {
                objects.put(upload.image(), idOf(upload.upload().objectId()));
            } else {
                registry.uploads().abandon(upload.upload());
                store.delete(location);
                registry.uploads().forget(upload.upload().uploadId());
            }
            inFlight.remove(caller);
        }

        /** As the service: mark deleted at the version read, remove the data, purge. */
        void delete(String id) throws IOException {
            Optional<Image> image = registry.find(id);
            assertThat(image.isPresent()).as("present before delete").isEqualTo(model.image(id).isPresent());
            if (image.isEmpty()) {
                return;
            }
            assertThat(registry.markDeleted(id, image.get().version())).as("delete").isTrue();
            model.delete(id);
            objects.remove(id);
            for (ImageLocation location : image.get().data().map(ImageData::locations).orElse(List.of())) {
                store.delete(Location.parse(location.url(), location.metadata()));
            }
            registry.purge(id);
        }

        void endInFlightUploads() throws IOException {
            for (Map.Entry<Integer, InFlight> entry : new ArrayList<>(inFlight.entrySet())) {
                InFlight upload = entry.getValue();
                if (upload.stored().isPresent()) {
                    finish(entry.getKey(), upload);
                } else {
                    assertThat(registry.uploads().abandon(upload.upload()))
                            .isEqualTo(model.abandon(upload.image(), entry.getKey()));
                    registry.uploads().forget(upload.upload().uploadId());
                    inFlight.remove(entry.getKey());
                }
            }
        }

        void check(Step after) {
            String where = after == null ? "at the end" : "after " + after;
            for (String id : ids) {
                Optional<Image> actual = registry.find(id);
                Optional<LifecycleModel.ModelImage> expected = model.image(id);
                assertThat(actual.map(Image::status)).as("status of %s %s", id, where)
                        .isEqualTo(expected.map(LifecycleModel.ModelImage::status));
                actual.ifPresent(image -> {
                    boolean hasData = image.status() == ImageStatus.ACTIVE || image.status() == ImageStatus.DEACTIVATED;
                    assertThat(image.data().isPresent()).as("data of %s image %s", image.status(), where).isEqualTo(hasData);
                    image.data().ifPresent(data -> assertThat(data.size()).isEqualTo(expected.orElseThrow().size()));
                });
            }
            Set<ObjectId> allowed = new HashSet<>(dataOfLiveImages());
            inFlight.values().forEach(upload -> upload.stored().ifPresent(stored -> allowed.add(idOf(upload.upload().objectId()))));
            assertThat(allowed).as("objects in the store %s", where).containsAll(objectsOfThisRun());
        }

        Set<ObjectId> objectsOfThisRun() {
            Set<ObjectId> objects = new HashSet<>();
            for (ObjectId object : store.ids()) {
                if (ids.contains(object.value().split("\\.", 2)[0])) {
                    objects.add(object);
                }
            }
            return objects;
        }

        Set<ObjectId> dataOfLiveImages() {
            Set<ObjectId> live = new HashSet<>();
            model.images().forEach((id, image) -> {
                if (image.status() == ImageStatus.ACTIVE || image.status() == ImageStatus.DEACTIVATED) {
                    live.add(objects.get(id));
                }
            });
            return live;
        }

        private static ObjectId idOf(String id) {
            try {
                return ObjectId.of(id);
            } catch (io.stowage.InvalidIdException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
