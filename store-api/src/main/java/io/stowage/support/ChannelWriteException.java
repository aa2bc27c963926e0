package io.stowage.support;

import java.io.IOException;

/**
 * Writing to the target of a {@link PipelinedCopy} failed; the cause is what the channel (or the
 * early flush) threw. Kept apart from the source's exceptions, which pass through a copy
 * unchanged, so that the caller can tell a full disk from a broken source.
 */
public final class ChannelWriteException extends IOException {
    ChannelWriteException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
