package io.stowage.image.service;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * What a static token from the config grants: the project it acts for and its roles
 * ({@code admin} sees and changes every image). The token itself is not part of it, so that no
 * {@code toString()} can show it.
 */
public record TokenGrant(String project, Set<String> roles) {
    public TokenGrant {
        requireNonNull(project, "project is null");
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
    }

    public boolean isAdmin() {
        return roles.contains("admin");
    }
}
