package io.asyncio4j.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted HTTP peer on plain blocking sockets and platform threads (one per connection), on 127.0.0.1: the exact
 * control the client's tests need (truncated bodies, closes mid-body, stale keep-alive), and counts of sockets.
 */
final class RawServer implements AutoCloseable {
    /** What the server does with one connection. */
    interface Script {
        void run(Peer peer) throws Exception;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger maxOpen = new AtomicInteger();
    /** Every request head received, in arrival order (first line only). */
    final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    RawServer(Script script) throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("raw-server-accept").start(() -> {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    return;
                }
                sockets.add(s);
                accepted.incrementAndGet();
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                Thread.ofPlatform().daemon().name("raw-server-conn").start(() -> {
                    try (s) {
                        script.run(new Peer(s, this));
                    } catch (Exception ignored) {
                        // the client went away
                    } finally {
                        open.decrementAndGet();
                    }
                });
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    /** One accepted connection. */
    static final class Peer {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        private final RawServer server;

        Peer(Socket socket, RawServer server) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.server = server;
        }

        /** Reads one request (head, and a body of its Content-Length); null at EOF before any byte. */
        Request readRequest() throws IOException {
            Request head = readRequestHead();
            if (head == null) {
                return null;
            }
            String cl = head.headers().get("Content-Length");
            return cl == null ? head : new Request(head.line(), head.headers(), in.readNBytes(Integer.parseInt(cl)));
        }

        /** Reads one request head only (the body is left in {@link #in}); null at EOF before any byte. */
        Request readRequestHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int state = 0;
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    if (head.size() == 0) {
                        return null;
                    }
                    throw new IOException("EOF in the request head");
                }
                head.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                        ? state + 1 : (b == '\r' ? 1 : 0);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            Headers h = new Headers();
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                h.add(lines[i].substring(0, c), lines[i].substring(c + 1).trim());
            }
            server.requestLines.add(lines[0]);
            return new Request(lines[0], h, new byte[0]);
        }

        void write(String s) throws IOException {
            write(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        void write(byte[] b) throws IOException {
            out.write(b);
            out.flush();
        }

        /** Answers 200 with {@code body} and a Content-Length. */
        void ok(String body) throws IOException {
            write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        }

        /** Blocks until the client closes the connection (or it breaks). */
        void awaitClose() throws IOException {
            while (in.read() >= 0) {
                // drain
            }
        }
    }

    record Request(String line, Headers headers, byte[] body) {
        String method() {
            return line.substring(0, line.indexOf(' '));
        }

        String target() {
            return line.split(" ")[1];
        }
    }
}
