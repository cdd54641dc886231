package dev.abkit.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy for tests, on the loopback interface, in front of one target. It forwards, or it
 * swallows: keeps every socket open, reads what arrives from either side and forwards nothing, as a
 * network that stops passing packets without closing a connection. While a connection swallows, a
 * side that closes is not told to the other side, so the database keeps an abandoned session (and
 * its transaction) open, as it would behind such a network.
 *
 * <p>It can also swallow one connection from the moment a given text has gone through it to the
 * target ({@link #swallowAfter}): with the text {@code COMMIT}, the database commits and its reply
 * is lost, the one failure after which the client cannot know what was stored.
 *
 * <p>Bounded: at most {@value #MAX_CONNECTIONS} connections at once (more are closed at accept), and
 * it closes itself after its lifetime if the test never does. Its threads are daemons.
 */
final class TcpProxy implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 64;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final long closeAtNanos;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile boolean swallowing;
    private volatile String swallowAfter;

    private TcpProxy(InetSocketAddress target, Duration lifetime) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.listener.setSoTimeout(200); // wakes up to look at its lifetime
        this.closeAtNanos = System.nanoTime() + lifetime.toNanos();
        daemon("tcp-proxy-accept", this::acceptUntilClosed).start();
    }

    /** A proxy to {@code target}, forwarding until told otherwise, closed after {@code lifetime} at the latest. */
    static TcpProxy to(InetSocketAddress target, Duration lifetime) throws IOException {
        return new TcpProxy(target, lifetime);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on, no byte passes in either direction, on any connection; none is closed. */
    void swallow() {
        swallowing = true;
    }

    /** A connection swallows from the moment {@code text} (ASCII) has passed through it to the target. */
    void swallowAfter(String text) {
        swallowAfter = text;
    }

    /** From now on, bytes pass again, on the connections that were not cut by {@link #swallowAfter} and new ones. */
    void forward() {
        swallowAfter = null;
        swallowing = false;
    }

    @Override
    public void close() {
        closeQuietly(listener);
        links.forEach(Link::close);
        links.clear();
    }

    private void acceptUntilClosed() {
        while (!listener.isClosed()) {
            if (System.nanoTime() > closeAtNanos) {
                close();
                return;
            }
            try {
                Socket client = listener.accept();
                if (links.size() >= MAX_CONNECTIONS) {
                    closeQuietly(client);
                } else {
                    connect(client);
                }
            } catch (SocketTimeoutException e) {
                // time to look at the lifetime again
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(target, 2000);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        Link link = new Link(client, server);
        links.add(link);
        daemon("tcp-proxy-up", () -> pump(link, client, server, true)).start();
        daemon("tcp-proxy-down", () -> pump(link, server, client, false)).start();
    }

    /** Copies {@code from} to {@code to} while the link forwards; reads and drops while it swallows. */
    private void pump(Link link, Socket from, Socket to, boolean towardsTarget) {
        byte[] buffer = new byte[16 * 1024];
        String recent = "";
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (swallows(link)) {
                    continue;
                }
                String marker = swallowAfter;
                if (towardsTarget && marker != null) {
                    // The text may be split over two reads: keep the tail of the last one.
                    recent = recent + new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                    if (recent.contains(marker)) {
                        link.cut = true; // before the target can answer what goes out below
                    }
                    recent = recent.substring(Math.max(0, recent.length() - marker.length()));
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // this side is gone; whether the other side hears of it is decided below
        }
        if (!swallows(link)) {
            links.remove(link);
            link.close();
        }
    }

    private boolean swallows(Link link) {
        return swallowing || link.cut;
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort in a test helper
        }
    }

    /** One proxied connection: the client's socket and the one to the target. */
    private static final class Link {
        final Socket client;
        final Socket server;
        volatile boolean cut;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void close() {
            closeQuietly(client);
            closeQuietly(server);
        }
    }
}
