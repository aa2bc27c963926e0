package io.stowage.file;

import java.io.IOException;

/**
 * Writing to the target failed while copying; the cause is what the channel threw. Kept
 * apart from the source's exceptions, which pass through a copy unchanged.
 */
final class ChannelWriteException extends IOException {
    ChannelWriteException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
