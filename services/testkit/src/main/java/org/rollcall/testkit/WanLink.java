package org.rollcall.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WAN link between an edge site and the central broker, as a TCP relay on 127.0.0.1 that counts
 * every byte it carries and can be cut: {@link #cut()} resets the open connections and black-holes
 * new ones (accepted, never answered, as a dead link looks to a client), {@link #restore()} lets
 * traffic through again. The central broker advertises this relay's port on its WAN listener, so
 * the mirror's every connection to it crosses the link.
 */
public final class WanLink implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final AtomicLong toTarget = new AtomicLong();
    private final AtomicLong fromTarget = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> blackHoled = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    private WanLink(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on 127.0.0.1:{@code port} and relays to 127.0.0.1:{@code targetPort}. */
    public static WanLink start(int port, int targetPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        WanLink link = new WanLink(s, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        Thread t = new Thread(link::acceptLoop, "wan-link-accept");
        t.setDaemon(true);
        t.start();
        return link;
    }

    /** Bytes carried from the site to the centre (requests, produced records). */
    public long bytesToTarget() {
        return toTarget.get();
    }

    /** Bytes carried from the centre to the site (responses, fetched records). */
    public long bytesFromTarget() {
        return fromTarget.get();
    }

    /** The link goes down: open connections are reset, new ones hang unanswered. */
    public void cut() {
        cut = true;
        for (Socket s : open) {
            reset(s);
        }
        open.clear();
    }

    /** The link comes back; connections that hung during the cut are reset (their peers gave up on them). */
    public void restore() {
        cut = false;
        for (Socket s : blackHoled) {
            reset(s);
        }
        blackHoled.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                blackHoled.add(client);
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                open.add(client);
                open.add(upstream);
                pump(client, upstream, toTarget);
                pump(upstream, client, fromTarget);
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (cut) {
                        break;
                    }
                    out.write(buf, 0, n);
                    counter.addAndGet(n);
                }
            } catch (IOException e) {
                // the other direction, a reset or a cut closed it
            } finally {
                reset(from);
                reset(to);
                open.remove(from);
                open.remove(to);
            }
        }, "wan-link-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        cut();
        restore();
    }
}
