package io.stowage.tck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Everything an exception says: its text and message, and those of its causes and suppressed exceptions. */
final class Texts {
    private Texts() {}

    static List<String> of(Throwable thrown) {
        List<String> texts = new ArrayList<>();
        collect(thrown, texts, Collections.newSetFromMap(new IdentityHashMap<>()));
        return texts;
    }

    private static void collect(Throwable thrown, List<String> texts, Set<Throwable> seen) {
        if (thrown == null || !seen.add(thrown)) {
            return;
        }
        texts.add(thrown.toString());
        if (thrown.getMessage() != null) {
            texts.add(thrown.getMessage());
        }
        collect(thrown.getCause(), texts, seen);
        for (Throwable suppressed : thrown.getSuppressed()) {
            collect(suppressed, texts, seen);
        }
    }
}
