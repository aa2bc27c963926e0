package io.stowage.image.service.api;

import io.stowage.image.service.registry.Image;
import io.stowage.image.service.registry.MemberRegistry;
import io.stowage.image.service.registry.Visibility;
import java.util.Optional;

/**
 * Who makes a request: the project of its token (none without authentication) and whether it is
 * an admin. Without authentication every caller is an admin without a project, as Glance's
 * no-auth mode is.
 */
record Caller(Optional<String> project, boolean admin) {
    static final Caller UNAUTHENTICATED = new Caller(Optional.empty(), true);

    /**
     * Whether the caller may see the image at all (else it is a 404 to them): admins, the owner,
     * everyone for public and community images, members (whatever their answer) for shared ones.
     */
    boolean canSee(Image image, MemberRegistry members) {
        if (admin || image.isOwnedBy(project)) {
            return true;
        }
        Visibility visibility = image.attributes().visibility();
        if (visibility == Visibility.SHARED && project.isPresent()) {
            return members.find(image.id(), project.get()).isPresent();
        }
        return visibility == Visibility.PUBLIC || visibility == Visibility.COMMUNITY;
    }

    /** Whether the caller may change the image (else it is a 403 to those who see it). */
    boolean canModify(Image image) {
        return admin || image.isOwnedBy(project);
    }
}
