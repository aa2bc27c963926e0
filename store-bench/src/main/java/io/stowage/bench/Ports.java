package io.stowage.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ephemeral loopback ports for the servers the benchmarks start. */
final class Ports {
    private Ports() {}

    /** A port on 127.0.0.1 that was free a moment ago (the server started on it may still lose a race for it). */
    static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
