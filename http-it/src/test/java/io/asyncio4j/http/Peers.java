package io.asyncio4j.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real peers the client is tested against, started on 127.0.0.1 by the tests: the reference httpbin (Debian's
 * {@code python3-httpbin}, served by werkzeug with HTTP/1.1 keep-alive) and nginx (Debian's {@code nginx}, with a
 * generated configuration in a temporary directory). Policy: a missing peer fails the test with a message naming
 * the Debian package; nothing is installed from here ({@code ./asyncio4j test} installs both).
 */
final class Peers {
    private Peers() {
    }

    /** A running peer process; close() stops it. */
    record Peer(Process process, int port, Path dir) implements AutoCloseable {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        @Override
        public void close() throws IOException {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static final String HTTPBIN = """
            import sys
            try:
                import httpbin
                from werkzeug.serving import make_server
            except ImportError as e:
                print("MISSING " + str(e), flush=True)
                sys.exit(3)
            srv = make_server("127.0.0.1", 0, httpbin.app, threaded=True)
            print(srv.server_port, flush=True)
            srv.serve_forever()
            """;

    private static Peer shared;

    /**
     * The reference httpbin shared by the test classes of this JVM: started on first use, stopped when the JVM
     * exits (the tests against it keep no state in it but cookies, which live in each session's jar).
     */
    static synchronized Peer sharedHttpbin() {
        if (shared == null) {
            try {
                shared = httpbin();
            } catch (Exception e) {
                throw new AssertionError("cannot start httpbin: " + e, e);
            }
            Peer p = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // exiting anyway
                }
            }));
        }
        return shared;
    }

    /** What a test does with a session. */
    interface SessionBody {
        void run(ClientSession s) throws Exception;
    }

    /** Runs {@code body} in a new event loop with a session built by {@code b}, closed afterwards. */
    static void inSession(ClientSession.Builder b, SessionBody body) {
        io.asyncio4j.Asyncio.run(() -> {
            try (ClientSession s = b.build()) {
                body.run(s);
            }
            return null;
        });
    }

    /** Starts the reference httpbin on an ephemeral loopback port. */
    static Peer httpbin() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            throw new AssertionError("/usr/bin/python3 is missing: install Debian's python3-httpbin"
                    + " (apt-get install python3-httpbin; ./asyncio4j test does it)");
        }
        Process p = new ProcessBuilder(python.toString(), "-c", HTTPBIN)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || line.startsWith("MISSING")) {
            p.destroyForcibly();
            throw new AssertionError("the reference httpbin is not installed (" + line + "): install Debian's"
                    + " python3-httpbin (apt-get install python3-httpbin; ./asyncio4j test does it)");
        }
        Peer peer = new Peer(p, Integer.parseInt(line.trim()), null);
        awaitListening(peer);
        return peer;
    }

    /**
     * Starts nginx on a free loopback port (nginx cannot listen on port 0: a free port is picked first, and another
     * if it was taken meanwhile) serving {@code files} (name, content pairs) from a temporary root, with keep-alive,
     * gzip for text and JSON, and {@code X-Conn: $connection} (nginx's connection serial number) on every response.
     */
    static Peer nginx(String... files) throws Exception {
        Path nginx = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(nginx)) {
            throw new AssertionError("/usr/sbin/nginx is missing: install Debian's nginx"
                    + " (apt-get install nginx; ./asyncio4j test does it)");
        }
        Path dir = Files.createTempDirectory("asyncio4j-nginx");
        Path www = Files.createDirectories(dir.resolve("www"));
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(www.resolve(files[i]), files[i + 1]);
        }
        return onFreePort("nginx", dir, port -> {
            String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
            Files.writeString(dir.resolve("nginx.conf"), user + """
                    worker_processes 1;
                    daemon off;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log warn;
                    events { worker_connections 512; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/tmp-body;
                        proxy_temp_path %1$s/tmp-proxy;
                        fastcgi_temp_path %1$s/tmp-fastcgi;
                        uwsgi_temp_path %1$s/tmp-uwsgi;
                        scgi_temp_path %1$s/tmp-scgi;
                        types { text/plain txt; application/json json; text/html html; }
                        default_type application/octet-stream;
                        keepalive_timeout 60;
                        keepalive_requests 10000;
                        gzip on;
                        gzip_min_length 0;
                        gzip_types text/plain application/json;
                        server {
                            listen 127.0.0.1:%2$d;
                            root %1$s/www;
                            add_header X-Conn $connection always;
                            location = /moved { return 302 /small.txt; }
                        }
                    }
                    """.formatted(dir, port));
            return new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf")
                    .toString(), "-e", dir.resolve("error.log").toString());
        }, "error.log");
    }

    /**
     * Starts tinyproxy (Debian's {@code tinyproxy-bin}) in the foreground on a free loopback port (picked as for
     * nginx), allowing loopback clients and CONNECT to any port, with Basic auth if {@code basicAuth} (login,
     * password) is not null: then a request without {@code Proxy-Authorization} gets 407.
     */
    static Peer tinyproxy(String[] basicAuth) throws Exception {
        Path tinyproxy = Path.of("/usr/bin/tinyproxy");
        if (!Files.isExecutable(tinyproxy)) {
            throw new AssertionError("/usr/bin/tinyproxy is missing: install Debian's tinyproxy-bin"
                    + " (apt-get install tinyproxy-bin; ./asyncio4j test does it)");
        }
        Path dir = Files.createTempDirectory("asyncio4j-tinyproxy");
        return onFreePort("tinyproxy", dir, port -> {
            Files.writeString(dir.resolve("tinyproxy.conf"), """
                    Port %2$d
                    Listen 127.0.0.1
                    Timeout 60
                    MaxClients 50
                    Allow 127.0.0.1
                    LogFile "%1$s/tinyproxy.log"
                    LogLevel Info
                    PidFile "%1$s/tinyproxy.pid"
                    %3$s
                    """.formatted(dir, port, basicAuth == null ? "" : "BasicAuth " + basicAuth[0] + " "
                    + basicAuth[1]));
            return new ProcessBuilder(tinyproxy.toString(), "-d", "-c", dir.resolve("tinyproxy.conf").toString());
        }, "tinyproxy.log");
    }

    private interface Launch {
        ProcessBuilder on(int port) throws IOException;
    }

    /**
     * Starts the process {@code launch} makes for a free loopback port (for peers that cannot listen on port 0), its
     * output to {@code dir/stdout.log}; if another process took the port meanwhile ("in use" in the output or in
     * {@code dir/log}), tries again on another port, up to four times.
     */
    private static Peer onFreePort(String name, Path dir, Launch launch, String log) throws Exception {
        for (int attempt = 0; ; attempt++) {
            int port = freePort();
            Process p = launch.on(port).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
            Peer peer = new Peer(p, port, dir);
            try {
                awaitListening(peer);
                return peer;
            } catch (AssertionError e) {
                String logged = (Files.exists(dir.resolve(log)) ? Files.readString(dir.resolve(log)) : "")
                        + Files.readString(dir.resolve("stdout.log"));
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                if (attempt >= 3 || !logged.contains("in use")) {
                    throw new AssertionError(name + " did not start: " + logged, e);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits (up to 20 s) until the peer accepts connections, or fails if its process ended. */
    private static void awaitListening(Peer peer) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (!peer.process().isAlive()) {
                throw new AssertionError("the peer exited with status " + peer.process().exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.port()), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the peer did not listen on 127.0.0.1:" + peer.port() + " within 20 s");
    }
}
