package io.stowage.image.service;

import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's connector: a connection from this host (a client, or a proxy in front of the
 * service, on loopback) sends through a fixed buffer of {@value #LOOPBACK_SEND_BUFFER} bytes;
 * every other connection keeps the kernel's autotuned one.
 *
 * <p>Autotuning grows a send buffer to MiBs when the receiver reads slower than the service
 * sends, which a download relayed from a store does on one host: the bytes then wait in the
 * receiver's socket queue, long enough to have left the CPU caches, and both the client's read of
 * them and the node's relay cost more per byte. With this buffer, a 1 GiB download through a node
 * from S3Proxy on loopback (set up as store-bench's nodes group) used 0.73–0.95 CPU-seconds of the
 * whole JVM (S3Proxy, node, client) instead of 1.02–1.11, the client's reads 0.12–0.13 instead of 0.24. On
 * loopback a round trip takes microseconds, so the buffer does not limit the rate; across a
 * network it would (at most one buffer per round trip), which is why those connections keep
 * autotuning.
 */
final class LoopbackSendBufferConnector extends ServerConnector {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackSendBufferConnector.class);

    /** The send buffer of a loopback connection (Linux reserves twice this for its bookkeeping). */
    static final int LOOPBACK_SEND_BUFFER = 256 * 1024;

    LoopbackSendBufferConnector(Server server, ConnectionFactory factory) {
        super(server, factory);
    }

    @Override
    protected void configure(Socket socket) {
        super.configure(socket);
        if (boundsSendBuffer(socket.getInetAddress())) {
            try {
                socket.setSendBufferSize(LOOPBACK_SEND_BUFFER);
            } catch (SocketException e) {
                // the kernel's buffer still works: only the cost per byte differs
                LOG.debug("The send buffer of a loopback connection could not be set", e);
            }
        }
    }

    /** Whether a connection from {@code peer} gets the fixed buffer: a loopback address, IPv4 or IPv6. */
    static boolean boundsSendBuffer(InetAddress peer) {
        return peer != null && peer.isLoopbackAddress();
    }
}
