package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libraries as modules: a small modular application ({@code module app { requires io.asyncio4j.http; }}),
 * compiled here against this build's core, net and http modules and their dependencies' jars, run in a JVM of its
 * own with {@code java --module-path ... -m app/app.Main}: on the fast carrier with
 * {@code --add-opens java.base/java.lang=io.asyncio4j} ({@code -Dasyncio4j.carrier=fast} fails unless the fast
 * carrier is really used), and on the portable one without it, where stderr is the one notice naming
 * {@code io.asyncio4j}. The application serves and fetches one JSON response, then posts a multipart form, so
 * Jetty's multipart parser (the one part of the library that uses Jetty) and SLF4J run on the module path too, with
 * no SLF4J provider: stderr stays quiet (module {@code io.asyncio4j.http} routes SLF4J to System.Logger). {@code .ci/install-check} does the same against the installed jars.
 */
@Timeout(120)
class ModulePathTest {
    static final String HINT = "asyncio4j: tasks use the portable carrier; start the JVM with "
            + "--add-opens java.base/java.lang=io.asyncio4j for the fast one";

    @TempDir
    static Path dir;
    static String modulePath;

    /** The library modules (directories or jars with a module-info) and their dependencies' jars. */
    static String libraryModulePath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> {
                    Path p = Path.of(e);
                    if (Files.isDirectory(p)) {
                        return Files.exists(p.resolve("module-info.class"));
                    }
                    String s = e.replace(File.separatorChar, '/');
                    return p.getFileName().toString().startsWith("asyncio4j-") || s.contains("/org/eclipse/jetty/")
                            || s.contains("/com/fasterxml/jackson/") || s.contains("/com/aayushatharva/brotli4j/")
                            || s.contains("/org/slf4j/slf4j-api/");
                })
                .collect(Collectors.joining(File.pathSeparator));
    }

    @BeforeAll
    static void compileTheApplication() throws IOException {
        String libraries = libraryModulePath();
        assertThat(libraries).as("the library modules on the test class path").contains("jetty-http");
        Path src = dir.resolve("src/app");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), "module app { requires io.asyncio4j.http; }\n");
        Files.writeString(src.resolve("app/Main.java"), """
                package app;

                import io.asyncio4j.Asyncio;
                import io.asyncio4j.http.ClientResponse;
                import io.asyncio4j.http.ClientSession;
                import io.asyncio4j.http.FormData;
                import io.asyncio4j.http.RequestOptions;
                import io.asyncio4j.http.json.JsonCodec;
                import io.asyncio4j.http.web.Application;
                import io.asyncio4j.http.web.Response;
                import io.asyncio4j.http.web.Site;
                import io.asyncio4j.http.web.Web;
                import java.util.Map;

                public class Main {
                    public static void main(String[] args) {
                        Application app = new Application();
                        app.router().get("/", request -> Response.text(
                                JsonCodec.defaultCodec().encodeToString(Map.of("answer", 42))));
                        app.router().post("/form", request -> Response.text(
                                String.valueOf(request.post().await().get("a"))));
                        String json = Asyncio.run(() -> {
                            Asyncio.sleep(0.01).await();
                            try (Site site = Web.start(app, "127.0.0.1", 0).await();
                                 ClientSession session = new ClientSession();
                                 ClientResponse r = session.get("http://127.0.0.1:" + site.port() + "/").await()) {
                                String text = r.text().await();
                                FormData form = new FormData().addField("a", "b", "text/plain", null);
                                try (ClientResponse f = session.post("http://127.0.0.1:" + site.port() + "/form",
                                        RequestOptions.builder().data(form).build()).await()) {
                                    if (!f.text().await().equals("b")) {
                                        throw new IllegalStateException("the multipart form was not read");
                                    }
                                }
                                return text;
                            }
                        });
                        System.out.println(json + " from " + Asyncio.class.getModule().getName());
                    }
                }
                """);
        Path out = dir.resolve("out/app");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream diagnostics = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-d", out.toString(), "--module-path", libraries,
                src.resolve("module-info.java").toString(), src.resolve("app/Main.java").toString());
        assertThat(rc).as("javac of the modular application: %s", diagnostics).isZero();
        modulePath = out + File.pathSeparator + libraries;
    }

    record Run(int exit, String out, List<String> err) {
    }

    static Run java(String... options) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("--enable-native-access=com.aayushatharva.brotli4j", "--module-path", modulePath,
                "-m", "app/app.Main"));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the application ended").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    @Test
    void runsOnTheFastCarrierWithJavaLangOpenedToTheModule() throws Exception {
        Run r = java("--add-opens", "java.base/java.lang=io.asyncio4j", "-Dasyncio4j.carrier=fast");
        assertThat(r.exit()).as(String.join("\n", r.err())).isZero();
        assertThat(r.out()).isEqualTo("{\"answer\":42} from io.asyncio4j\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void withoutTheFlagTheOneNoticeNamesTheModule() throws Exception {
        for (String[] options : new String[][] {{}, {"--add-opens", "java.base/java.lang=ALL-UNNAMED"}}) {
            Run r = java(options);
            assertThat(r.exit()).as(String.join("\n", r.err())).isZero();
            assertThat(r.out()).isEqualTo("{\"answer\":42} from io.asyncio4j\n");
            // Exactly one line: no logging is configured, so the notice is printed, not a two-line JDK log record.
            assertThat(r.err()).as(Arrays.toString(options)).containsExactly(HINT);
        }
    }

    @Test
    void forcingTheFastCarrierWithTheClassPathFlagFailsNamingTheModulesFlag() throws Exception {
        Run r = java("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dasyncio4j.carrier=fast");
        assertThat(r.exit()).isNotZero();
        assertThat(String.join("\n", r.err()))
                .contains("-Dasyncio4j.carrier=fast needs the JVM option --add-opens java.base/java.lang=io.asyncio4j");
    }
}
