package io.stowage.image.client;

import io.stowage.tck.net.TcpFaultProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Random;

/** Addresses for the tests: an API server that is down, proxies in front of nodes, a client's server order. */
final class Loopback {
    private Loopback() {}

    /** The URL of a server that is down: a loopback port that was just free and is closed again. */
    static String downServer() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    /** A fault proxy in front of {@code node}, to count what passes and to break it. */
    static TcpFaultProxy proxyFor(ServiceNode node) throws IOException {
        return TcpFaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port()));
    }

    static String url(TcpFaultProxy proxy) {
        return "http://127.0.0.1:" + proxy.port();
    }

    /**
     * A random source that shuffles {@code servers} into {@code order}, so that a test knows which
     * server the client asks first.
     */
    static Random shufflingInto(List<String> servers, List<String> order) throws IOException {
        for (long seed = 0; seed < 10_000; seed++) {
            List<String> shuffled = ApiServers.shuffled(servers, new Random(seed)).order().stream().map(Object::toString).toList();
            if (shuffled.equals(order)) {
                return new Random(seed);
            }
        }
        throw new AssertionError("No seed shuffles " + servers + " into " + order);
    }
}
