package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import io.stowage.BackendUnavailableException;
import io.stowage.OperationInterruptedException;
import io.stowage.StoreException;
import io.stowage.support.Backoff;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call of the image API with failover (Nova's {@code GlanceClientWrapper.call}): each
 * attempt goes to the next of the {@link ApiServers}; a connection failure, a timeout or a 503
 * is retried on the next server after a {@link Backoff}, up to {@code retries} times; any
 * other status ends the call at once with its error ({@link ApiErrors}). When every attempt
 * failed, the call fails with {@link BackendUnavailableException} naming each server's failure.
 *
 * <p>A call that must not simply be repeated once a request may have reached a server (an
 * upload) learns from its attempt's {@code earlierMayHaveApplied} that it must first find out
 * what the earlier attempt did.
 */
final class FailoverCalls {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverCalls.class);

    /** One attempt of a call, on one server. */
    @FunctionalInterface
    interface Attempt<T> {
        /**
         * @param earlierMayHaveApplied whether an earlier attempt of this call failed after its
         *     request went out, so the server may have done what it asked (a retried delete
         *     then finds the image gone)
         * @throws ApiStatusException for a status the call does not expect
         * @throws StoreException for a failure that ends the call as it is
         * @throws IOException when the exchange failed (connection, timeout)
         */
        T run(URI server, boolean earlierMayHaveApplied) throws IOException;
    }

    private final ApiServers servers;
    private final int retries;
    private final Backoff pause;

    FailoverCalls(ApiServers servers, int retries, Backoff pause) {
        this.servers = requireNonNull(servers, "servers is null");
        this.pause = requireNonNull(pause, "pause is null");
        if (retries < 0) {
            throw new IllegalArgumentException("retries cannot be negative: " + retries);
        }
        this.retries = retries;
    }

    ApiServers servers() {
        return servers;
    }

    int retries() {
        return retries;
    }

    Backoff pause() {
        return pause;
    }

    /** Runs {@code attempt} with failover; {@code what} names the call in messages ("show image abc"). */
    <T> T call(String what, Attempt<T> attempt) throws StoreException {
        List<String> failures = new ArrayList<>();
        IOException last = null;
        boolean mayHaveApplied = false;
        for (int number = 0; number <= retries; number++) {
            if (number > 0) {
                pause.pause(number - 1, Duration.ZERO, "waiting to retry to " + what);
            }
            URI server = servers.next();
            try {
                return attempt.run(server, mayHaveApplied);
            } catch (StoreException e) {
                throw e;
            } catch (IOException e) {
                FailureKind kind = FailureKind.of(e);
                switch (kind) {
                    case INTERRUPTED -> throw new OperationInterruptedException("Interrupted while trying to " + what, e);
                    case REFUSED -> throw ApiErrors.of(what, (ApiStatusException) e);
                    default -> { }
                }
                mayHaveApplied |= kind == FailureKind.MAYBE_APPLIED;
                failures.add(server + ": " + describe(e));
                last = e;
                if (number < retries) {
                    LOG.warn("Image API server {} failed to {} ({}); trying the next server", server, what, describe(e));
                }
            }
        }
        throw new BackendUnavailableException("Cannot " + what + ": no image API server answered in " + (retries + 1)
                + " attempt(s): " + String.join("; ", failures), last);
    }

    static String describe(IOException failure) {
        if (failure instanceof ApiStatusException status) {
            return status.reason().isEmpty() ? "status " + status.status() : status.reason();
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message.replaceAll("\\s+", " "));
    }
}
