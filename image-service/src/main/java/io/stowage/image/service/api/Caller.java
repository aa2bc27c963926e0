package io.stowage.image.service.api;

import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.Visibility;
import java.util.Optional;

/**
 * Who makes a request: the project of its token (none without authentication) and whether it is
 * an admin. Without authentication every caller is an admin without a project, as Glance's
 * no-auth mode is.
 */
record Caller(Optional<String> project, boolean admin) {
    static final Caller UNAUTHENTICATED = new Caller(Optional.empty(), true);

    /** Whether the caller may see the image at all (else it is a 404 to them). */
    boolean canSee(Image image) {
        if (admin || image.isOwnedBy(project)) {
            return true;
        }
        Visibility visibility = image.attributes().visibility();
        return visibility == Visibility.PUBLIC || visibility == Visibility.COMMUNITY;
    }

    /** Whether the caller may change the image (else it is a 403 to those who see it). */
    boolean canModify(Image image) {
        return admin || image.isOwnedBy(project);
    }
}
