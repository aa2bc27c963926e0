package io.stowage.image.service.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The oracle of the lifecycle property: what status each image must have and which caller's
 * upload holds a {@code saving} image, changed only by the transitions the lifecycle allows.
 */
final class LifecycleModel {
    /** An image as the model knows it; {@code holder} is the caller whose upload holds it while saving. */
    record ModelImage(ImageStatus status, Optional<Integer> holder, long size) {}

    private final Map<String, ModelImage> images = new HashMap<>();

    void created(String id) {
        images.put(id, new ModelImage(ImageStatus.QUEUED, Optional.empty(), -1));
    }

    Optional<ModelImage> image(String id) {
        return Optional.ofNullable(images.get(id));
    }

    /** queued -> saving: allowed only from queued. */
    boolean begin(String id, int caller) {
        ModelImage image = images.get(id);
        if (image == null || image.status() != ImageStatus.QUEUED) {
            return false;
        }
        images.put(id, new ModelImage(ImageStatus.SAVING, Optional.of(caller), -1));
        return true;
    }

    /** saving -> active: only for the holder. */
    boolean finish(String id, int caller, long size) {
        if (!holds(id, caller)) {
            return false;
        }
        images.put(id, new ModelImage(ImageStatus.ACTIVE, Optional.empty(), size));
        return true;
    }

    /** saving -> queued: only for the holder. */
    boolean abandon(String id, int caller) {
        if (!holds(id, caller)) {
            return false;
        }
        images.put(id, new ModelImage(ImageStatus.QUEUED, Optional.empty(), -1));
        return true;
    }

    boolean change(String id, ImageStatus from, ImageStatus to) {
        ModelImage image = images.get(id);
        if (image == null || image.status() != from) {
            return false;
        }
        images.put(id, new ModelImage(to, Optional.empty(), image.size()));
        return true;
    }

    boolean delete(String id) {
        return images.remove(id) != null;
    }

    Map<String, ModelImage> images() {
        return images;
    }

    private boolean holds(String id, int caller) {
        ModelImage image = images.get(id);
        return image != null && image.status() == ImageStatus.SAVING && image.holder().equals(Optional.of(caller));
    }
}
