package io.stowage.file;

import io.stowage.support.AtomicFileOptions;
import java.util.regex.Pattern;

/**
 * How the file store names the temp file an add writes before the object is published, in the
 * same dir as the object: {@code .<id>~<16 hex digits>.stowage-tmp} (the id cut to 200
 * characters so the name stays within the 255 bytes most filesystems allow). The {@code ~}
 * cannot occur in an id, so no object can ever be mistaken for a temp file, and no location can
 * name one.
 *
 * <p>A temp file whose writer died (a killed process) is removed when a store next opens the
 * dir ({@link LeftoverTempFiles}). A live writer's file must survive that, also when the other
 * store is in another process: the add creates it {@linkplain
 * AtomicFileOptions.Builder#lockedWhileOpen locked} for its whole life, and in this JVM
 * {@link io.stowage.support.AtomicFile#isInUse} tells.
 */
final class TempFile {
    static final String SUFFIX = ".stowage-tmp";
    private static final int ID_PREFIX = 200;
    private static final Pattern NAME = Pattern.compile("\\.[A-Za-z0-9._-]{0," + ID_PREFIX + "}~[0-9a-f]{16}\\.stowage-tmp");

    private TempFile() {}

    /**
     * Options that name a temp file for {@code word} (an id, or another word made of an id's
     * characters) as this module's temp files are named.
     */
    static AtomicFileOptions.Builder named(String word) {
        String prefix = word.length() > ID_PREFIX ? word.substring(0, ID_PREFIX) : word;
        return AtomicFileOptions.builder().tempName("." + prefix + "~", SUFFIX);
    }

    /** Whether {@code fileName} is the name of a temp file of this module. */
    static boolean isTempName(String fileName) {
        return NAME.matcher(fileName).matches();
    }
}
