package io.asyncio4j.streams;

import static io.asyncio4j.streams.Bytes.b;
import static io.asyncio4j.streams.Bytes.repr;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.IncompleteReadError;
import io.asyncio4j.LimitOverrunError;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link StreamReader#readuntil(byte[]...)}, CPython 3.13's {@code readuntil} with a tuple of separators, checked
 * line by line against CPython 3.13.0 (its {@code test_readuntil_separator}, {@code test_readuntil_multi_separator},
 * {@code test_readuntil_multi_separator_limit} and {@code test_readuntil_multi_separator_negative_offset}, and a few
 * more cases). Where CPython raises ValueError when the coroutine runs, asyncio4j throws IllegalArgumentException
 * when it is made, as its one-separator {@code readuntil} does; the lines say "ValueError".
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamReaderSeparatorsTest {
    static String run(String name, int limit, List<String> feeds, boolean eof,
                      Function<StreamReader, Coro<byte[]>> op) {
        StreamReader r = new StreamReader(limit);
        for (String f : feeds) {
            r.feedData(b(f));
        }
        if (eof) {
            r.feedEof();
        }
        try {
            byte[] res = op.apply(r).await();
            return name + ": " + repr(res) + " left=" + repr(r.peekBuffer()) + " at_eof="
                    + (r.atEof() ? "True" : "False");
        } catch (IncompleteReadError e) {
            return name + ": IncompleteReadError partial=" + repr(e.partial()) + " expected="
                    + (e.expected() == null ? "None" : e.expected()) + " left=" + repr(r.peekBuffer());
        } catch (LimitOverrunError e) {
            return name + ": LimitOverrunError " + e.getMessage() + " consumed=" + e.consumed() + " left="
                    + repr(r.peekBuffer());
        } catch (IllegalArgumentException e) {
            return name + ": ValueError " + e.getMessage() + " left=" + repr(r.peekBuffer());
        }
    }

    /*
     * (case() as in StreamReaderTest), then with big = 2**16:
     * await case("simple", big, [b'line 1\nline 2\r'], False, lambda r: r.readuntil((b'\r', b'\n')))
     * await case("first end wins", big, [b'ABCDEFG'], False, lambda r: r.readuntil((b'DEF', b'BCDE')))
     * await case("same end, shorter", big, [b'xx\r\nyy'], False, lambda r: r.readuntil((b'\r\n', b'\n')))
     * await case("order given", big, [b'xx\r\nyy'], False, lambda r: r.readuntil((b'\n', b'\r\n')))
     * await case("limit found", 3, [b'some dataA'], False, lambda r: r.readuntil((b'A', b'ome dataA')))
     * await case("limit not found", 3, [b'some data'], False, lambda r: r.readuntil((b'A', b'XY')))
     * await case("eof", big, [b'some dataAA'], True, lambda r: r.readuntil((b'AAA', b'B')))
     * await case("empty tuple", big, [b'x'], False, lambda r: r.readuntil(()))
     * await case("empty sep", big, [b'x'], False, lambda r: r.readuntil((b'x', b'')))
     * r = asyncio.StreamReader(); r.feed_data(b'data')
     * t = loop.create_task(r.readuntil((b'A', b'long sep')))
     * loop.call_soon(r.feed_data, b'Z'); loop.call_soon(r.feed_data, b'Aaaa')
     * log(f"negative offset: {await t!r} left={bytes(r._buffer)!r}")
     * r = asyncio.StreamReader()
     * async def feeder():
     *     await asyncio.sleep(0.01); r.feed_data(b'ab\r'); await asyncio.sleep(0.01); r.feed_data(b'\ncd\n')
     * asyncio.create_task(feeder())
     * log(f"waited: {await r.readuntil((b'\r\n', b'\n'))!r} {await r.readuntil((b'\r\n', b'\n'))!r}")
     */
    @Test
    void severalSeparatorsMatchCPython313() {
        List<String> out = new ArrayList<>();
        try (Runner runner = new Runner().virtualTime(true)) {
            runner.run(() -> {
                int big = 1 << 16;
                out.add(run("simple", big, List.of("line 1\nline 2\r"), false, r -> r.readuntil(b("\r"), b("\n"))));
                out.add(run("first end wins", big, List.of("ABCDEFG"), false, r -> r.readuntil(b("DEF"), b("BCDE"))));
                out.add(run("same end, shorter", big, List.of("xx\r\nyy"), false,
                        r -> r.readuntil(b("\r\n"), b("\n"))));
                out.add(run("order given", big, List.of("xx\r\nyy"), false, r -> r.readuntil(b("\n"), b("\r\n"))));
                out.add(run("limit found", 3, List.of("some dataA"), false,
                        r -> r.readuntil(b("A"), b("ome dataA"))));
                out.add(run("limit not found", 3, List.of("some data"), false, r -> r.readuntil(b("A"), b("XY"))));
                out.add(run("eof", big, List.of("some dataAA"), true, r -> r.readuntil(b("AAA"), b("B"))));
                out.add(run("empty tuple", big, List.of("x"), false, r -> r.readuntil(new byte[0][])));
                out.add(run("empty sep", big, List.of("x"), false, r -> r.readuntil(b("x"), b(""))));

                StreamReader r = new StreamReader();
                r.feedData(b("data"));
                EventLoop loop = Asyncio.getRunningLoop();
                Task<byte[]> t = loop.createTask(r.readuntil(b("A"), b("long sep")), null);
                loop.callSoon(() -> r.feedData(b("Z")));
                loop.callSoon(() -> r.feedData(b("Aaaa")));
                out.add("negative offset: " + repr(t.await()) + " left=" + repr(r.peekBuffer()));

                StreamReader w = new StreamReader();
                Asyncio.createTask(() -> {
                    Asyncio.sleep(0.01).await();
                    w.feedData(b("ab\r"));
                    Asyncio.sleep(0.01).await();
                    w.feedData(b("\ncd\n"));
                    return null;
                });
                byte[] first = w.readuntil(b("\r\n"), b("\n")).await();
                byte[] second = w.readuntil(b("\r\n"), b("\n")).await();
                out.add("waited: " + repr(first) + " " + repr(second));
                return null;
            });
        }
        assertThat(out).containsExactly(
                "simple: b'line 1\\n' left=b'line 2\\r' at_eof=False",
                "first end wins: b'ABCDE' left=b'FG' at_eof=False",
                "same end, shorter: b'xx\\r\\n' left=b'yy' at_eof=False",
                "order given: b'xx\\r\\n' left=b'yy' at_eof=False",
                "limit found: LimitOverrunError Separator is found, but chunk is longer than limit consumed=9 "
                        + "left=b'some dataA'",
                "limit not found: LimitOverrunError Separator is not found, and chunk exceed the limit consumed=8 "
                        + "left=b'some data'",
                "eof: IncompleteReadError partial=b'some dataAA' expected=None left=b''",
                "empty tuple: ValueError Separator should contain at least one element left=b'x'",
                "empty sep: ValueError Separator should be at least one-byte string left=b'x'",
                "negative offset: b'dataZA' left=b'aaa'",
                "waited: b'ab\\r\\n' b'cd\\n'");
    }

    @Test
    void theSeparatorsAreCopiedWhenTheCoroutineIsMade() {
        try (Runner runner = new Runner().virtualTime(true)) {
            runner.run(() -> {
                StreamReader r = new StreamReader();
                byte[] sep = b("|");
                Coro<byte[]> read = r.readuntil(sep, b(";"));
                sep[0] = 'x';
                r.feedData(b("ax|b;"));
                assertThat(repr(read.await())).isEqualTo("b'ax|'");
                return null;
            });
        }
    }
}
