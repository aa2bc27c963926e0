package io.stowage.tck.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stowage.tck.source.Payload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault proxy against a loopback server that sends a known payload, then echoes what it receives. */
class TcpFaultProxyTest {
    private static final Payload GREETING = Payload.of(200_000, 11);

    private ServerSocket server;
    private ExecutorService serverThreads;
    private TcpFaultProxy proxy;

    @BeforeEach
    void startServerAndProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serverThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "tcp-fault-proxy-test-server");
            thread.setDaemon(true);
            return thread;
        });
        serverThreads.submit(() -> {
            while (true) {
                Socket socket = server.accept();
                serverThreads.submit(() -> serve(socket));
            }
        });
        proxy = TcpFaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
    }

    private static Void serve(Socket socket) throws IOException {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            GREETING.open().transferTo(out);
            out.flush();
            in.transferTo(out);
        }
        return null;
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        server.close();
        serverThreads.shutdownNow();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(proxy.address(), 10_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (Socket socket = connect()) {
            assertThat(GREETING.mismatch(new java.io.ByteArrayInputStream(socket.getInputStream().readNBytes(200_000)))).isEmpty();
            Payload request = Payload.of(100_000, 5);
            socket.getOutputStream().write(request.bytes());
            socket.shutdownOutput();
            assertThat(request.mismatch(socket.getInputStream())).isEmpty();
        }
        assertThat(proxy.connectionsAccepted()).isEqualTo(1);
        assertThat(proxy.bytesToClients()).as("the greeting and the echo").isEqualTo(300_000);
        assertThat(proxy.bytesToTarget()).isEqualTo(100_000);
    }

    @Test
    void cutsEachConnectionAfterTheGivenBytes() throws IOException {
        proxy.cutAfter(123_457);
        try (Socket socket = connect()) {
            byte[] received = readUntilBroken(socket.getInputStream());

            assertThat(received).hasSize(123_457);
            assertThat(GREETING.mismatch(new java.io.ByteArrayInputStream(received), 0, 123_457)).isEmpty();
        }
        proxy.heal();
        try (Socket socket = connect()) {
            assertThat(socket.getInputStream().readNBytes(200_000)).hasSize(200_000);
        }
    }

    @Test
    void stallsUntilResumed() throws Exception {
        try (Socket socket = connect()) {
            socket.getInputStream().readNBytes(200_000);
            proxy.stall();
            socket.getOutputStream().write("ping".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            assertThat(proxy.awaitHeld(4, Duration.ofSeconds(30))).as("the request reached the stall").isTrue();
            assertThat(socket.getInputStream().available()).isZero();

            proxy.resume();
            assertThat(new String(socket.getInputStream().readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("ping");
        }
    }

    @Test
    void throttledConnectionsDeliverEveryByte() throws IOException {
        proxy.throttle(4L * 1024 * 1024);
        try (Socket socket = connect()) {
            assertThat(GREETING.mismatch(new java.io.ByteArrayInputStream(socket.getInputStream().readNBytes(200_000)))).isEmpty();
        }
    }

    @Test
    void refusedConnectionsCarryNoData() throws IOException {
        proxy.refuseConnections();
        byte[] received;
        try (Socket socket = connect()) {
            received = readUntilBroken(socket.getInputStream());
        } catch (IOException resetWhileConnecting) {
            received = new byte[0];
        }
        assertThat(received).isEmpty();
        assertThat(proxy.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void cutAllBreaksOpenConnections() throws IOException {
        try (Socket socket = connect()) {
            socket.getInputStream().readNBytes(1000);
            proxy.cutAll();
            assertThat(proxy.openConnections()).isZero();
            try {
                socket.getOutputStream().write("ping".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IOException resetAlready) {
                // the reset may arrive before the write
            }

            byte[] rest = readUntilBroken(socket.getInputStream());
            assertThat(rest.length).as("bytes after the cut: the greeting's rest at most, never the echo")
                    .isLessThanOrEqualTo(199_000);
            assertThat(GREETING.mismatch(new java.io.ByteArrayInputStream(rest), 1000, rest.length)).isEmpty();
        }
    }

    @Test
    void forwardsOnlyToLoopback() {
        assertThatThrownBy(() -> TcpFaultProxy.start(new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}), 80)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void closeEndsEveryConnection() throws IOException {
        Socket socket = connect();
        socket.getInputStream().readNBytes(10);

        proxy.close();
        proxy.close();

        assertThat(proxy.openConnections()).isZero();
        readUntilBroken(socket.getInputStream());
        socket.close();
    }

    /** Reads until end of stream or a reset, returning what arrived. */
    private static byte[] readUntilBroken(InputStream in) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
        } catch (IOException broken) {
            // a reset ends the data as well as an end of stream
        }
        return received.toByteArray();
    }
}
