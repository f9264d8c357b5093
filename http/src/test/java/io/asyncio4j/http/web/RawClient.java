package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * A blocking HTTP/1.1 client over a raw socket, for tests: it sends exactly the bytes given and parses responses
 * by hand, so a test sees what the server really wrote. Use it off the loop ({@link #serve}).
 */
final class RawClient implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** One response; {@code version} is the status line's HTTP-version as sent. */
    record Resp(int status, String reason, Headers headers, byte[] body, String version) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    RawClient send(String s) throws IOException {
        return send(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] b) throws IOException {
        out.write(b);
        out.flush();
        return this;
    }

    /** Reads one response; {@code head}: a response to HEAD (no body whatever the headers say). */
    Resp read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Headers h = new Headers();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int c = l.indexOf(':');
            h.add(l.substring(0, c), l.substring(c + 1).trim());
        }
        byte[] body;
        if (head || status < 200 || status == 204 || status == 304) {
            body = new byte[0];
        } else if (h.get("Content-Length") != null) {
            body = in.readNBytes(Integer.parseInt(h.get("Content-Length")));
        } else if ("chunked".equalsIgnoreCase(h.get("Transfer-Encoding"))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int n; (n = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; line()) {
                b.writeBytes(in.readNBytes(n));
            }
            while (!line().isEmpty()) {
                // trailers
            }
            body = b.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Resp(status, parts.length > 2 ? parts[2] : "", h, body, parts[0]);
    }

    Resp read() throws IOException {
        return read(false);
    }

    /** Sends a request and reads its response. */
    Resp exchange(String request) throws IOException {
        send(request);
        return read(request.startsWith("HEAD "));
    }

    /** Whether the server has closed the connection (EOF, or a reset) with nothing more to read. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    interface PortFunction<T> {
        T apply(int port) throws Exception;
    }

    /** Runs {@code app} on a fresh loop and {@code client} on another thread against it; returns its result. */
    static <T> T serve(Application app, ServerOptions options, PortFunction<T> client) {
        return Asyncio.run(() -> {
            Site site = Web.start(app, "127.0.0.1", 0, options).await();
            try {
                Callable<T> c = () -> client.apply(site.port());
                return Asyncio.toThread(c).await();
            } finally {
                site.close();
            }
        });
    }

    static <T> T serve(Application app, PortFunction<T> client) {
        return serve(app, ServerOptions.DEFAULT, client);
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n";
    }
}
