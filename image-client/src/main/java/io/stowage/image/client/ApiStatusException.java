package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;

/**
 * An API server answered with a status the call did not expect. Thrown inside an attempt and
 * turned by the failover loop into a retry (503) or into the error family ({@link ApiErrors}).
 */
final class ApiStatusException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient URI server;
    private final int status;
    private final String reason;

    ApiStatusException(URI server, int status, String reason) {
        super(server + " answered " + status + (reason.isEmpty() ? "" : ": " + reason));
        this.server = requireNonNull(server, "server is null");
        this.status = status;
        this.reason = requireNonNull(reason, "reason is null");
    }

    /** The status and reason of {@code exchange}, whose body is read for the reason. */
    static ApiStatusException of(ApiExchange exchange) {
        return new ApiStatusException(exchange.server(), exchange.status(), exchange.reason());
    }

    URI server() {
        return server;
    }

    int status() {
        return status;
    }

    /** The server's one-line reason, e.g. "404 Not Found: No image found with ID abc". */
    String reason() {
        return reason;
    }
}
