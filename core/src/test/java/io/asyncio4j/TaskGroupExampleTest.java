package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TaskGroup}'s class javadoc example, taken from the source, compiled by javac and run: it must compile
 * (issue 17 item 10: it assigned the body's {@code null} to a {@code List}) and give both pages. javac is reached
 * through reflection: the test sources compile patched into module {@code io.asyncio4j}, which does not read
 * {@code java.compiler}; the tests run on the class path, where it is readable.
 */
class TaskGroupExampleTest {
    @TempDir
    Path dir;

    @Test
    void theClassJavadocExampleCompilesAndGivesThePages() throws Exception {
        String source = Files.readString(Path.of("src/main/java/io/asyncio4j/TaskGroup.java"));
        Matcher m = Pattern.compile("<pre>\\{@code\\n(.*?)\\n \\* }</pre>", Pattern.DOTALL).matcher(source);
        assertThat(m.find()).as("the example in TaskGroup's javadoc").isTrue();
        String example = m.group(1).replaceAll("(?m)^ \\* ?", "");
        Path src = Files.createDirectories(dir.resolve("src/example"));
        Files.writeString(src.resolve("Example.java"), """
                package example;

                import io.asyncio4j.Asyncio;
                import io.asyncio4j.Coro;
                import io.asyncio4j.Task;
                import io.asyncio4j.TaskGroup;
                import java.util.List;

                public class Example {
                    static Coro<String> fetch(String name) {
                        return () -> {
                            Asyncio.sleep(0.01).await();
                            return "page " + name;
                        };
                    }

                    public static List<String> pages() {
                        return Asyncio.run(() -> {
                %s
                            return pages;
                        });
                    }
                }
                """.formatted(example));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Object javac = Class.forName("javax.tools.ToolProvider").getMethod("getSystemJavaCompiler").invoke(null);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = (int) Class.forName("javax.tools.Tool")
                .getMethod("run", InputStream.class, OutputStream.class, OutputStream.class, String[].class)
                .invoke(javac, null, errors, errors, new String[] {"-proc:none", "-Xlint:all", "-Werror",
                        "-cp", System.getProperty("java.class.path") + File.pathSeparator
                                + Path.of(TaskGroup.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                        "-d", classes.toString(), src.resolve("Example.java").toString()});
        assertThat(errors.toString(StandardCharsets.UTF_8)).as("javac's output").isEmpty();
        assertThat(rc).isZero();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                TaskGroupExampleTest.class.getClassLoader())) {
            Object pages = loader.loadClass("example.Example").getMethod("pages").invoke(null);
            assertThat(pages).isEqualTo(java.util.List.of("page a", "page b"));
        }
    }
}
