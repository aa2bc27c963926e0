package io.stowage.image.service.registry;

import java.util.Locale;

/**
 * Where an image is in its life. {@code queued -> saving -> active}, back to {@code queued} when
 * an upload fails ({@code killed} for the v1 API); an import goes {@code queued -> uploading}
 * (data staged) {@code -> importing -> active}, or {@code queued -> importing -> active} for a
 * web-download, back to {@code queued} when it fails; {@code active <-> deactivated}, and
 * {@code deleted} while its data is removed (a deleted image is never shown).
 */
public enum ImageStatus {
    QUEUED, SAVING, UPLOADING, IMPORTING, ACTIVE, DEACTIVATED, KILLED, DELETED;

    /** The lower-case name of the API and the registry column. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case name. */
    public static ImageStatus fromId(String id) {
        for (ImageStatus status : values()) {
            if (status.id().equals(id)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown image status '" + id + "'");
    }
}
