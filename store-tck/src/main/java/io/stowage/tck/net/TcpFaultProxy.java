package io.stowage.tck.net;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on the loopback interface that sits between a network backend's client and
 * its server and misbehaves on request: it cuts connections (all at once, or each after a
 * number of bytes, which the receiving side gets in full before the end of the stream),
 * stalls them (holds every byte until {@link #resume}), throttles them,
 * or refuses new ones. It only ever connects to a loopback target.
 *
 * <p>Faults apply to the connections open when they are set and to new ones; the byte count
 * of {@link #cutAfter} starts when it is set. {@link #heal()} clears every fault.
 *
 * <p>Threads: one acceptor and two pumps per connection, all daemons, all ended by
 * {@link #close()}.
 */
public final class TcpFaultProxy implements Closeable {
    private static final int BUFFER = 16 * 1024;

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Object faultLock = new Object();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong toClients = new AtomicLong();
    private final AtomicLong toTarget = new AtomicLong();
    private volatile long cutAfter = -1;
    private volatile boolean stalled;
    private volatile long bytesPerSecond;
    private volatile boolean refusing;
    private volatile boolean closed;
    private long heldBytes;

    private TcpFaultProxy(InetSocketAddress target, ServerSocket server) {
        this.target = target;
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "tcp-fault-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * Starts a proxy on {@code 127.0.0.1} (an ephemeral port) forwarding to {@code target}.
     *
     * @param target the server's address
     * @return the running proxy, to close
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if {@code target} is not a loopback address
     */
    public static TcpFaultProxy start(InetSocketAddress target) throws IOException {
        requireNonNull(target, "target is null");
        if (target.isUnresolved() || !target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("The fault proxy only forwards to loopback addresses, not " + target);
        }
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TcpFaultProxy proxy = new TcpFaultProxy(target, server);
        proxy.acceptor.start();
        return proxy;
    }

    /**
     * Where clients connect: the loopback address and the proxy's port.
     *
     * @return the address clients connect to
     */
    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** {@return the loopback port clients connect to} */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * Connections accepted so far.
     *
     * @return how many connections were accepted
     */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /**
     * Bytes the target sent towards clients so far, over every connection: counted as the proxy
     * reads them, before it forwards (or holds, or cuts) them, so never fewer than the clients got.
     *
     * @return the bytes read from the target
     */
    public long bytesToClients() {
        return toClients.get();
    }

    /**
     * Bytes clients sent towards the target so far, over every connection, counted as for {@link #bytesToClients()}.
     *
     * @return the bytes read from clients
     */
    public long bytesToTarget() {
        return toTarget.get();
    }

    /**
     * Connections open now.
     *
     * @return how many connections are open
     */
    public int openConnections() {
        return connections.size();
    }

    /** Resets every open connection (TCP RST), without changing the faults. */
    public void cutAll() {
        for (Connection connection : connections) {
            connection.cut();
        }
    }

    /**
     * Cuts each connection once {@code bytes} more bytes passed it (both directions
     * counted), forwarding exactly that many: a body broken at a known point.
     *
     * @param bytes how many more bytes pass before the cut
     */
    public void cutAfter(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        synchronized (faultLock) {
            for (Connection connection : connections) {
                connection.sinceFault.set(0);
            }
            cutAfter = bytes;
        }
    }

    /** Holds every byte from now on, in both directions, until {@link #resume()}; connections stay open. */
    public void stall() {
        synchronized (faultLock) {
            stalled = true;
        }
    }

    /** Lets held bytes through again. */
    public void resume() {
        synchronized (faultLock) {
            stalled = false;
            heldBytes = 0;
            faultLock.notifyAll();
        }
    }

    /**
     * Waits until the proxy holds at least {@code bytes} bytes read but not forwarded because
     * of {@link #stall()}: proof that a client's request reached the stall.
     *
     * @param bytes how many held bytes to wait for
     * @param timeout how long to wait at most
     * @throws InterruptedException if the thread is interrupted while it waits
     * @return whether that many were held within {@code timeout}
     */
    public boolean awaitHeld(long bytes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (faultLock) {
            while (heldBytes < bytes) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                faultLock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /**
     * Forwards at most {@code bytesPerSecond} per connection and direction; 0 removes the limit.
     *
     * @param bytesPerSecond the rate
     */
    public void throttle(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond must not be negative: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Resets new connections at once (a server that went away) until {@link #heal()}. */
    public void refuseConnections() {
        refusing = true;
    }

    /** Clears every fault: no cut, no stall, no throttle, connections accepted. */
    public void heal() {
        synchronized (faultLock) {
            cutAfter = -1;
            refusing = false;
            bytesPerSecond = 0;
        }
        resume();
    }

    /** Stops accepting, cuts every connection and ends every thread. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        resume();
        server.close();
        cutAll();
        try {
            acceptor.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "TcpFaultProxy[" + address() + " -> " + target + "]";
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (refusing) {
                reset(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 10_000);
            } catch (IOException e) {
                reset(client);
                closeQuietly(upstream);
                continue;
            }
            Connection connection = new Connection(client, upstream);
            connections.add(connection);
            connection.start();
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    /** One proxied connection: a client socket, an upstream socket and a pump each way. */
    private final class Connection {
        final Socket client;
        final Socket upstream;
        final AtomicLong sinceFault = new AtomicLong();
        private volatile boolean brokenAfterData;
        private final java.util.concurrent.atomic.AtomicInteger pumpsDone = new java.util.concurrent.atomic.AtomicInteger();

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            startPump(client, upstream, "up", toTarget);
            startPump(upstream, client, "down", toClients);
        }

        private void startPump(Socket from, Socket to, String direction, AtomicLong forwarded) {
            Thread pump = new Thread(() -> pump(from, to, forwarded), "tcp-fault-proxy-" + port() + "-" + direction);
            pump.setDaemon(true);
            pump.start();
        }

        private void pump(Socket from, Socket to, AtomicLong forwarded) {
            byte[] buffer = new byte[BUFFER];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                long windowStart = System.nanoTime();
                long windowBytes = 0;
                while (true) {
                    long limit = bytesPerSecond;
                    int n = in.read(buffer, 0, limit > 0 ? (int) Math.max(1, Math.min(BUFFER, limit / 20)) : BUFFER);
                    if (n < 0) {
                        to.shutdownOutput();
                        return;
                    }
                    forwarded.addAndGet(n);
                    holdWhileStalled(n);
                    long allowed = allowance(n);
                    if (allowed < n) {
                        out.write(buffer, 0, (int) allowed);
                        out.flush();
                        breakAfterData(from, to);
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    if (limit > 0) {
                        windowBytes += n;
                        long due = windowStart + windowBytes * 1_000_000_000L / limit;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    } else {
                        windowStart = System.nanoTime();
                        windowBytes = 0;
                    }
                }
            } catch (IOException e) {
                if (brokenAfterData) {
                    drain(from);
                } else {
                    cut();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cut();
            } finally {
                if (pumpsDone.incrementAndGet() == 2 && connections.remove(this)) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                }
            }
        }

        /**
         * Ends the connection right after the bytes already written: the receiving side sees
         * them all and then the end of the stream; the sending side is reset.
         */
        private void breakAfterData(Socket from, Socket to) throws IOException {
            brokenAfterData = true;
            to.shutdownOutput();
            reset(from);
        }

        /** Reads what the receiving side still sends, so that closing does not reset it before it read the data. */
        private void drain(Socket socket) {
            try {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[BUFFER];
                while (in.read(buffer) >= 0) {
                    // discarded: the connection is broken
                }
            } catch (IOException ignored) {
                // the other side went away too
            }
        }

        private void holdWhileStalled(int bytes) throws InterruptedException {
            synchronized (faultLock) {
                if (!stalled) {
                    return;
                }
                heldBytes += bytes;
                faultLock.notifyAll();
                while (stalled && !closed) {
                    faultLock.wait();
                }
            }
        }

        /** How many of {@code n} bytes may pass before the connection is cut. */
        private long allowance(int n) {
            long limit = cutAfter;
            if (limit < 0) {
                return n;
            }
            long before = sinceFault.getAndAdd(n);
            return Math.max(0, Math.min(n, limit - before));
        }

        void cut() {
            if (connections.remove(this)) {
                reset(client);
                reset(upstream);
            }
        }
    }
}
