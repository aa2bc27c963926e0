package io.stowage.tck;

import org.opentest4j.TestAbortedException;

/**
 * The one way a contract test may be skipped: its capability is missing from the declared
 * {@link StoreProfile} (or, for a refusal test, present). {@link SkipAccounting} fails the
 * run for every other skip.
 */
final class ProfileSkip extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    ProfileSkip(String message) {
        super(message);
    }
}
