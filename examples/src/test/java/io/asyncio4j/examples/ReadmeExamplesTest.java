package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README compiles, next to {@code java.util.*} and {@code java.util.concurrent.*}
 * (issue 17, item 14): the README's examples import asyncio4j's classes by name, so its {@code Queue}, {@code Future}
 * and {@code Semaphore} never meet the JDK's under wildcard imports.
 *
 * <p><b>The convention</b> (the README says it too): a block that declares a top-level type is a compilation unit as
 * it is. Any other block is a fragment: its leading {@code import} lines stay imports, and the rest becomes the body
 * of {@code static void example() throws Exception} in a class of its own. Both get {@code import java.util.*;} and
 * {@code import java.util.concurrent.*;} in front. Blocks are compiled with javac against this module's test class
 * path (the library modules and their dependencies); a diagnostic of kind ERROR fails the test, naming the block's
 * line in the README.
 */
@Timeout(120)
class ReadmeExamplesTest {
    private static final Pattern BLOCK = Pattern.compile("(?m)^```java[ \\t]*\\n(.*?)^```[ \\t]*$", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:public\\s+|final\\s+|abstract\\s+|sealed\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");
    private static final String JDK_WILDCARDS = "import java.util.*;\nimport java.util.concurrent.*;\n";

    /** A ```java block: its text and the README line its first line is on. */
    record Block(String code, int line) {
    }

    /** What javac said about one block. */
    record Result(Block block, List<String> errors) {
    }

    static List<Block> blocks(String markdown) {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) {
            int line = 1 + (int) markdown.substring(0, m.start(1)).chars().filter(c -> c == '\n').count();
            out.add(new Block(m.group(1), line));
        }
        return out;
    }

    /** The compilation unit for block number {@code index} (see the class comment): a file name and its source. */
    static String[] unit(Block block, int index) {
        Matcher type = TYPE.matcher(block.code());
        if (type.find()) {
            return new String[] {type.group(1), JDK_WILDCARDS + block.code()};
        }
        StringBuilder imports = new StringBuilder(JDK_WILDCARDS);
        StringBuilder body = new StringBuilder();
        boolean head = true;
        for (String line : block.code().split("\n", -1)) {
            String t = line.strip();
            if (head && (t.startsWith("import ") || t.isEmpty())) {
                imports.append(line).append('\n');
            } else {
                head = false;
                body.append(line).append('\n');
            }
        }
        String name = "ReadmeExample" + index;
        return new String[] {name, imports + "class " + name + " {\n    static void example() throws Exception {\n"
                + body + "    }\n}\n"};
    }

    /** Compiles each block on its own; the errors of each. */
    static List<Result> compile(List<Block> blocks, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String[] unit = unit(blocks.get(i), i + 1);
            Path classes = Files.createDirectories(out.resolve("block" + (i + 1)));
            JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + unit[0] + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return unit[1];
                }
            };
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            List<String> options = List.of("-proc:none", "-Xlint:none", "--release", "25",
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
            javac.getTask(new StringWriter(), null, diagnostics, options, null, List.of(source)).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add("line " + d.getLineNumber() + " of the unit: " + d.getMessage(Locale.ROOT));
                }
            }
            results.add(new Result(blocks.get(i), errors));
        }
        return results;
    }

    @Test
    void everyJavaBlockOfTheReadmeCompilesNextToTheJdksWildcards(@TempDir Path out) throws IOException {
        Path readme = Path.of("..", "README.md");
        assertThat(readme).exists();
        List<Block> blocks = blocks(Files.readString(readme, StandardCharsets.UTF_8));
        assertThat(blocks).as("```java blocks in the README").hasSizeGreaterThanOrEqualTo(5);
        List<String> failures = new ArrayList<>();
        for (Result r : compile(blocks, out)) {
            if (!r.errors().isEmpty()) {
                failures.add("README.md line " + r.block().line() + ": " + String.join("; ", r.errors()));
            }
        }
        assertThat(failures).as("README examples that do not compile").isEmpty();
    }

    @Test
    void theReadmeNeverImportsAsyncio4jsPackagesByWildcard() throws IOException {
        for (Block b : blocks(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8))) {
            assertThat(b.code()).as("README block at line " + b.line())
                    .doesNotContainPattern("(?m)^import (?!static)io\\.asyncio4j[\\w.]*\\.\\*;");
        }
    }

    @Test
    void aBlockThatDoesNotCompileIsReportedWithItsLine(@TempDir Path out) throws IOException {
        String md = "text\n\n```java\nimport io.asyncio4j.Asyncio;\n\nAsyncio.run(() -> 1);\n```\n\n"
                + "```java\nint x = \"not an int\";\n```\n";
        List<Result> results = compile(blocks(md), out);
        assertThat(results).hasSize(2);
        assertThat(results.get(0).errors()).isEmpty();
        assertThat(results.get(1).block().line()).isEqualTo(10);
        assertThat(results.get(1).errors()).singleElement().asString().contains("incompatible types");
    }

    /** Why the README imports by name: under both wildcards, {@code Queue} is ambiguous and does not compile. */
    @Test
    void wildcardImportsOfAsyncio4jAndTheJdkCollideOnQueueFutureAndSemaphore(@TempDir Path out) throws IOException {
        for (String name : List.of("Queue<String> x = null;", "Future<String> x = null;", "Semaphore x = null;")) {
            String md = "```java\nimport io.asyncio4j.*;\n\n" + name + "\n```\n";
            assertThat(compile(blocks(md), out).get(0).errors()).as(name).singleElement().asString()
                    .contains("reference to", "is ambiguous");
            String named = "```java\nimport io.asyncio4j.*;\nimport io.asyncio4j." + name.replaceAll("[<\\s].*", "")
                    + ";\n\n" + name + "\n```\n";
            assertThat(compile(blocks(named), out).get(0).errors()).as(named).isEmpty();
        }
    }

    @Test
    void aBlockWithATypeIsCompiledAsItIs(@TempDir Path out) throws IOException {
        String md = "```java\nimport io.asyncio4j.Asyncio;\n\npublic class Hello {\n    public static void main("
                + "String[] args) {\n        Asyncio.run(() -> { System.out.println(List.of(1)); return null; });\n"
                + "    }\n}\n```\n";
        List<Result> results = compile(blocks(md), out);
        assertThat(results.get(0).errors()).isEmpty();
        assertThat(out.resolve("block1").resolve("Hello.class")).exists();
    }
}
