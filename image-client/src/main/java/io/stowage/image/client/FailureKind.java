package io.stowage.image.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/** What a failed exchange with an API server tells about the request. */
enum FailureKind {
    /** No connection was made: the request never reached the server. */
    NOT_SENT,
    /** The server said it cannot serve now (503): retried on the next server. */
    UNAVAILABLE,
    /** The connection broke or timed out after the request went out: it may have been applied. */
    MAYBE_APPLIED,
    /** The calling thread was interrupted. */
    INTERRUPTED,
    /** Any other status: the server's final word on this request. */
    REFUSED;

    static FailureKind of(IOException failure) {
        if (failure instanceof ApiStatusException status) {
            return status.status() == 503 ? UNAVAILABLE : REFUSED;
        }
        if (failure instanceof ConnectException || failure instanceof ConnectTimeoutException
                || failure instanceof UnknownHostException || failure instanceof NoRouteToHostException) {
            return NOT_SENT;
        }
        if (failure instanceof InterruptedIOException && !(failure instanceof SocketTimeoutException)
                && Thread.currentThread().isInterrupted()) {
            return INTERRUPTED;
        }
        return MAYBE_APPLIED;
    }
}
