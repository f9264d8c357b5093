package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plain program using the library prints on stderr (issue 16: nothing the user did not ask for). Each test
 * runs {@link QuietGetProgram} (one GET to a server in this JVM) or {@link QuietServerProgram} ({@code Web.start},
 * one request, close) in a JVM of its own, on the class path as a user's application has it: the library's jars and
 * their dependencies (Jetty, Jackson, slf4j-api, asyncio4j-brotli and brotli4j), and no SLF4J provider unless the test
 * adds one.
 *
 * <ul>
 *   <li>With the README's flags ({@code --add-opens java.base/java.lang=ALL-UNNAMED},
 *       {@code --enable-native-access=ALL-UNNAMED}, and with {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}
 *       for the foreign socket calls too) stderr is empty; without them it is exactly the carrier's one line.</li>
 *   <li>A plain GET and a plain server request load no Jetty and no SLF4J class (the HTTP parser is the library's
 *       own, docs/http-parser.md): only a {@code multipart/form-data} body, read by Jetty's multipart parser, does.
 *       Then no SLF4J warning either: Jetty's records go to System.Logger when the application has no provider,
 *       and an application's own provider (slf4j-simple, Logback) gets them, with no "multiple providers"
 *       warning.</li>
 *   <li>Brotli's native library loads on the first {@code br} body only: a program that offers {@code br} and gets a
 *       plain body has no JDK "restricted method" warning even without {@code --enable-native-access}; a library
 *       that fails to load makes that body a {@code ClientPayloadError}.</li>
 * </ul>
 */
@Timeout(180)
class QuietStderrTest {
    static final List<String> README_FLAGS = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED");
    static final String NOTICE = "asyncio4j: tasks use the portable carrier; start the JVM with "
            + "--add-opens java.base/java.lang=ALL-UNNAMED for the fast one";
    static final String BODY = "Hello, quiet world!";

    @TempDir
    static Path dir;
    static HttpServer server;
    /** The Accept-Encoding of the last request the local server received. */
    static volatile String acceptEncoding;
    static String classPath;

    /** The library, its dependencies and this module's classes: the test class path without the test tools. */
    static String applicationClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> {
                    if (Files.isDirectory(Path.of(e))) {
                        return true; // the reactor's modules' classes, and this module's (the programs)
                    }
                    String s = e.replace(File.separatorChar, '/');
                    return Path.of(e).getFileName().toString().startsWith("asyncio4j-")
                            || s.contains("/org/eclipse/jetty/") || s.contains("/com/fasterxml/jackson/")
                            || s.contains("/com/aayushatharva/brotli4j/") || s.contains("/org/slf4j/slf4j-api/");
                })
                .collect(Collectors.joining(File.pathSeparator));
    }

    @BeforeAll
    static void start() throws IOException {
        classPath = applicationClassPath();
        assertThat(classPath).contains("jetty-http").contains("slf4j-api").contains("brotli4j")
                .doesNotContain("slf4j-nop").doesNotContain("slf4j-simple").doesNotContain("logback");
        Brotli4jLoader.ensureAvailability();
        byte[] br = Encoder.compress(BODY.getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/plain", exchange -> reply(exchange, null, BODY.getBytes(StandardCharsets.UTF_8)));
        server.createContext("/br", exchange -> reply(exchange, "br", br));
        server.start();
    }

    private static void reply(HttpExchange exchange, String encoding, byte[] body) throws IOException {
        acceptEncoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (encoding != null) {
            exchange.getResponseHeaders().add("Content-Encoding", encoding);
        }
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    record Run(int exit, List<String> out, List<String> err) {
    }

    /** Runs {@code main} in a new JVM: options, then the class path plus {@code extraJars}, then the arguments. */
    static Run java(List<String> options, List<Path> extraJars, Class<?> main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        String cp = Stream.concat(Stream.of(classPath), extraJars.stream().map(Path::toString))
                .collect(Collectors.joining(File.pathSeparator));
        cmd.addAll(List.of("-cp", cp, main.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the program ended").isTrue();
        Run r = new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
        assertThat(r.exit()).as("exit status; stderr: %s", r.err()).isZero();
        return r;
    }

    static List<String> withoutOpens() {
        return List.of("--enable-native-access=ALL-UNNAMED");
    }

    static Path provider(String jarPrefix) throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target", "slf4j-providers"))) {
            return jars.filter(p -> p.getFileName().toString().startsWith(jarPrefix)).findFirst().orElseThrow();
        }
    }

    @Test
    void clientWithTheReadmeFlagsPrintsNothingOnStderr() throws Exception {
        Run r = java(README_FLAGS, List.of(), QuietGetProgram.class, url("/plain"));
        assertThat(r.out()).containsExactly("200 " + BODY);
        assertThat(r.err()).isEmpty();
        assertThat(acceptEncoding).as("br is offered").isEqualTo("gzip, deflate, br");
    }

    @Test
    void serverWithTheReadmeFlagsPrintsNothingOnStderr() throws Exception {
        Run r = java(README_FLAGS, List.of(), QuietServerProgram.class);
        assertThat(r.out()).containsExactly("HTTP/1.1 200 OK");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void withTheFlagsOfTheNativeSocketPathClientAndServerPrintNothingOnStderr() throws Exception {
        // The README's flags for socket reads and writes through the JDK's foreign calls (net's NativeSocketIo).
        List<String> flags = new java.util.ArrayList<>(README_FLAGS);
        flags.addAll(List.of("--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED"));
        Run client = java(flags, List.of(), QuietGetProgram.class, url("/plain"));
        assertThat(client.out()).containsExactly("200 " + BODY);
        assertThat(client.err()).isEmpty();
        Run server = java(flags, List.of(), QuietServerProgram.class);
        assertThat(server.out()).containsExactly("HTTP/1.1 200 OK");
        assertThat(server.err()).isEmpty();
    }

    @Test
    void withoutAnyFlagBothPrintOnlyTheCarrierNotice() throws Exception {
        Run client = java(List.of(), List.of(), QuietGetProgram.class, url("/plain"));
        assertThat(client.out()).containsExactly("200 " + BODY);
        assertThat(client.err()).as("no restricted-method warning: brotli's library did not load").containsExactly(NOTICE);
        assertThat(acceptEncoding).isEqualTo("gzip, deflate, br");
        Run server = java(List.of(), List.of(), QuietServerProgram.class);
        assertThat(server.out()).containsExactly("HTTP/1.1 200 OK");
        assertThat(server.err()).containsExactly(NOTICE);
        Run serverNative = java(withoutOpens(), List.of(), QuietServerProgram.class);
        assertThat(serverNative.err()).containsExactly(NOTICE);
    }

    @Test
    void brotliLoadsOnTheFirstBrBody() throws Exception {
        Run quiet = java(README_FLAGS, List.of(), QuietGetProgram.class, url("/br"));
        assertThat(quiet.out()).containsExactly("200 " + BODY);
        assertThat(quiet.err()).isEmpty();
        // Without --enable-native-access the JDK warns, as it does for any native load: here, at the first br body
        // (the plain body above printed no such warning).
        Run warned = java(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"), List.of(), QuietGetProgram.class,
                url("/br"));
        assertThat(warned.out()).containsExactly("200 " + BODY);
        assertThat(String.join("\n", warned.err())).contains("restricted method").contains("Brotli4jLoader");
    }

    @Test
    void aBrotliLibraryThatFailsToLoadMakesTheBodyAClientPayloadError() throws Exception {
        String missing = dir.resolve("no-such-libbrotli.so").toString();
        Run r = java(Stream.concat(README_FLAGS.stream(), Stream.of("-Dbrotli4j.library.path=" + missing)).toList(),
                List.of(), QuietGetProgram.class, url("/br"));
        assertThat(acceptEncoding).as("offered: the property names a library to load").isEqualTo("gzip, deflate, br");
        assertThat(r.out()).containsExactly("ClientPayloadError: Can not decode content-encoding: br (the decoder "
                + "could not start: Brotli's native library did not load)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aPlainGetAndAPlainServerRequestLoadNoJettyAndNoSlf4jClass() throws Exception {
        for (boolean server : new boolean[] {false, true}) {
            Path log = Files.createTempFile(dir, "classes", ".txt");
            List<String> options = Stream.concat(README_FLAGS.stream(),
                    Stream.of("-Xlog:class+load=info:file=" + log)).toList();
            Run r = server ? java(options, List.of(), QuietServerProgram.class)
                    : java(options, List.of(), QuietGetProgram.class, url("/plain"));
            assertThat(r.err()).isEmpty();
            List<String> loaded = Files.readAllLines(log);
            assertThat(loaded).as("classes loaded").anyMatch(l -> l.contains("io.asyncio4j.http.internal.")
                    && l.contains(server ? "RequestParser " : "ResponseParser "));
            assertThat(loaded).as("server %s", server)
                    .noneMatch(l -> l.contains("org.eclipse.jetty.") || l.contains("org.slf4j."));
        }
        Path log = Files.createTempFile(dir, "classes", ".txt");
        Run form = java(Stream.concat(README_FLAGS.stream(), Stream.of("-Xlog:class+load=info:file=" + log)).toList(),
                List.of(), QuietServerProgram.class, "form");
        assertThat(form.out()).containsExactly("HTTP/1.1 200 OK");
        assertThat(form.err()).isEmpty();
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains("org.eclipse.jetty.http.MultiPart "));
    }

    @Test
    void anApplicationsSlf4jProviderGetsJettysRecordsWithoutWarnings() throws Exception {
        // slf4j-simple prints on stderr, at INFO by default: Jetty says nothing at INFO for one form.
        Path simple = provider("slf4j-simple-");
        assertThat(java(README_FLAGS, List.of(simple), QuietGetProgram.class, url("/plain")).err()).isEmpty();
        assertThat(java(README_FLAGS, List.of(simple), QuietServerProgram.class, "form").err()).isEmpty();
        // At DEBUG, stderr is slf4j-simple's records of Jetty's multipart parser, and nothing else.
        Run debug = java(Stream.concat(README_FLAGS.stream(),
                Stream.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug")).toList(), List.of(simple),
                QuietServerProgram.class, "form");
        assertThat(debug.out()).containsExactly("HTTP/1.1 200 OK");
        assertThat(debug.err()).anyMatch(l -> l.contains(" DEBUG org.eclipse.jetty.http.MultiPart$Parser - parse "))
                .allMatch(l -> l.startsWith("[") && l.contains(" DEBUG org.eclipse.jetty."));
        // Logback without a configuration logs everything to stdout: Jetty's records are there, stderr is empty.
        Run logback = java(README_FLAGS, List.of(provider("logback-classic-"), provider("logback-core-")),
                QuietServerProgram.class, "form");
        assertThat(logback.err()).isEmpty();
        assertThat(logback.out()).contains("HTTP/1.1 200 OK")
                .anyMatch(l -> l.contains("DEBUG org.eclipse.jetty.http.MultiPart$Parser") && l.contains(" parse "));
    }

    @Test
    void withoutAProviderJettysRecordsAreSystemLoggerRecords() throws Exception {
        // java.util.logging (System.Logger's default back end), configured to show Jetty's multipart parser at FINE.
        Path config = dir.resolve("logging.properties");
        Files.writeString(config, """
                handlers=java.util.logging.ConsoleHandler
                java.util.logging.ConsoleHandler.level=ALL
                org.eclipse.jetty.http.MultiPart$Parser.level=FINE
                """);
        Run r = java(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-Djava.util.logging.config.file=" + config), List.of(), QuietServerProgram.class, "form");
        assertThat(r.out()).containsExactly("HTTP/1.1 200 OK");
        // Each record: the JDK's header line, whose source is Jetty's method (not the bridge), then the message.
        assertThat(r.err()).anyMatch(l -> l.endsWith(" org.eclipse.jetty.http.MultiPart$Parser parse"))
                .anyMatch(l -> l.startsWith("FINE: parse "))
                .noneMatch(l -> l.contains("SLF4J") || l.contains("SystemLoggerAdapter"));
    }

    @Test
    void withLoggingConfiguredTheCarrierNoticeIsALogRecord() throws Exception {
        Path config = dir.resolve("info.properties");
        Files.writeString(config, "handlers=java.util.logging.ConsoleHandler\n");
        Run r = java(List.of("-Djava.util.logging.config.file=" + config), List.of(), QuietServerProgram.class);
        assertThat(r.out()).containsExactly("HTTP/1.1 200 OK");
        assertThat(r.err()).hasSize(2).last().isEqualTo("INFO: " + NOTICE);
    }
}
