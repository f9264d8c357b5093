package io.asyncio4j.streams;

import static io.asyncio4j.streams.Bytes.b;
import static io.asyncio4j.streams.Bytes.repr;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
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
 * StreamReader fed by hand, checked line by line against CPython 3.12.1 (test_streams' reader behaviours). Where
 * CPython's readline throws ValueError, asyncio4j throws the LimitOverrunError it caught (the data is dropped the
 * same way); the lines say "ValueError" for both.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamReaderTest {
    static String run(String name, int limit, List<String> feeds, boolean eof, Function<StreamReader, Coro<byte[]>> op) {
        StreamReader r = new StreamReader(limit);
        for (String f : feeds) {
            r.feedData(b(f));
        }
        if (eof) {
            r.feedEof();
        }
        try {
            byte[] res = op.apply(r).await();
            return name + ": " + repr(res) + " left=" + repr(r.peekBuffer()) + " at_eof=" + (r.atEof() ? "True" : "False");
        } catch (IncompleteReadError e) {
            return name + ": IncompleteReadError partial=" + repr(e.partial()) + " expected=" + (e.expected() == null
                    ? "None" : e.expected()) + " left=" + repr(r.peekBuffer());
        } catch (LimitOverrunError e) {
            boolean readline = name.startsWith("readline");
            return name + ": " + (readline ? "ValueError " + e.getMessage()
                    : "LimitOverrunError " + e.getMessage() + " consumed=" + e.consumed()) + " left="
                    + repr(r.peekBuffer());
        }
    }

    /*
     * async def case(name, limit, feeds, eof, op):
     *     r = asyncio.StreamReader(limit=limit)
     *     for f in feeds: r.feed_data(f)
     *     if eof: r.feed_eof()
     *     try:
     *         res = await op(r); log(f"{name}: {res!r} left={bytes(r._buffer)!r} at_eof={r.at_eof()}")
     *     except asyncio.IncompleteReadError as e:
     *         log(f"{name}: IncompleteReadError partial={e.partial!r} expected={e.expected} left={bytes(r._buffer)!r}")
     *     except asyncio.LimitOverrunError as e:
     *         log(f"{name}: LimitOverrunError {e.args[0]} consumed={e.consumed} left={bytes(r._buffer)!r}")
     *     except ValueError as e: log(f"{name}: ValueError {e} left={bytes(r._buffer)!r}")
     * (cases as below), then:
     * r = asyncio.StreamReader()
     * async def feeder():
     *     await asyncio.sleep(0.01); r.feed_data(b'hel'); await asyncio.sleep(0.01); r.feed_data(b'lo\nx'); r.feed_eof()
     * asyncio.create_task(feeder())
     * log(f"waited readline {await r.readline()!r} then {await r.read(-1)!r}")
     * r = asyncio.StreamReader(); t = asyncio.create_task(r.read(5)); await asyncio.sleep(0)
     * try: await r.read(5)
     * except RuntimeError as e: log(f"RuntimeError {e}")
     * t.cancel(); r.feed_data(b'kept'); log(f"cancelled read leaves data: {await r.read(10)!r}")
     * r = asyncio.StreamReader(); r.set_exception(ValueError("boom"))
     * try: await r.read(1)
     * except ValueError as e: log(f"exception {e}")
     */
    @Test
    void readerMatchesCPython() {
        List<String> out = new ArrayList<>();
        try (Runner runner = new Runner().virtualTime(true)) {
            runner.run(() -> {
                int big = 65536;
                out.add(run("readline", big, List.of("line1\nline2\n"), false, StreamReader::readline));
                out.add(run("readline eof partial", big, List.of("tail"), true, StreamReader::readline));
                out.add(run("readline eof empty", big, List.of(), true, StreamReader::readline));
                out.add(run("readline limit found long", 7, List.of("12345678\nrest"), false, StreamReader::readline));
                out.add(run("readline limit exact", 7, List.of("1234567\n"), false, StreamReader::readline));
                out.add(run("readline limit not found", 3, List.of("li", "ne1\nline2\n"), false, StreamReader::readline));
                out.add(run("readuntil", big, List.of("lineAAAmore"), false, r -> r.readuntil(b("AAA"))));
                out.add(run("readuntil eof", big, List.of("lineAA"), true, r -> r.readuntil(b("AAA"))));
                out.add(run("readuntil limit", 5, List.of("abcdefgh"), false, r -> r.readuntil(b("\n"))));
                out.add(run("readuntil found beyond limit", 5, List.of("abcdefgh\n"), false,
                        r -> r.readuntil(b("\n"))));
                out.add(run("readexactly", big, List.of("abcdef"), false, r -> r.readexactly(4)));
                out.add(run("readexactly eof", big, List.of("abc"), true, r -> r.readexactly(5)));
                out.add(run("read n", big, List.of("abcdef"), false, r -> r.read(4)));
                out.add(run("read all", big, List.of("abc", "def"), true, r -> r.read(-1)));
                out.add(run("read zero", big, List.of("abc"), false, r -> r.read(0)));
                out.add(run("read at eof", big, List.of(), true, r -> r.read(10)));

                StreamReader r = new StreamReader();
                Asyncio.createTask(() -> {
                    Asyncio.sleep(0.01).await();
                    r.feedData(b("hel"));
                    Asyncio.sleep(0.01).await();
                    r.feedData(b("lo\nx"));
                    r.feedEof();
                    return null;
                });
                out.add("waited readline " + repr(r.readline().await()) + " then " + repr(r.read(-1).await()));

                StreamReader r2 = new StreamReader();
                Task<byte[]> t = Asyncio.createTask(r2.read(5));
                Asyncio.sleep(0).await();
                try {
                    r2.read(5).await();
                } catch (IllegalStateException e) {
                    out.add("RuntimeError " + e.getMessage());
                }
                t.cancel();
                r2.feedData(b("kept"));
                out.add("cancelled read leaves data: " + repr(r2.read(10).await()));

                StreamReader r3 = new StreamReader();
                r3.setException(new IllegalArgumentException("boom"));
                try {
                    r3.read(1).await();
                } catch (IllegalArgumentException e) {
                    out.add("exception " + e.getMessage());
                }
                return null;
            });
        }
        assertThat(out).containsExactly(
                "readline: b'line1\\n' left=b'line2\\n' at_eof=False",
                "readline eof partial: b'tail' left=b'' at_eof=True",
                "readline eof empty: b'' left=b'' at_eof=True",
                "readline limit found long: ValueError Separator is found, but chunk is longer than limit left=b'rest'",
                "readline limit exact: b'1234567\\n' left=b'' at_eof=False",
                "readline limit not found: ValueError Separator is found, but chunk is longer than limit "
                        + "left=b'line2\\n'",
                "readuntil: b'lineAAA' left=b'more' at_eof=False",
                "readuntil eof: IncompleteReadError partial=b'lineAA' expected=None left=b''",
                "readuntil limit: LimitOverrunError Separator is not found, and chunk exceed the limit consumed=8 "
                        + "left=b'abcdefgh'",
                "readuntil found beyond limit: LimitOverrunError Separator is found, but chunk is longer than limit "
                        + "consumed=8 left=b'abcdefgh\\n'",
                "readexactly: b'abcd' left=b'ef' at_eof=False",
                "readexactly eof: IncompleteReadError partial=b'abc' expected=5 left=b''",
                "read n: b'abcd' left=b'ef' at_eof=False",
                "read all: b'abcdef' left=b'' at_eof=True",
                "read zero: b'' left=b'abc' at_eof=False",
                "read at eof: b'' left=b'' at_eof=True",
                "waited readline b'hello\\n' then b'x'",
                "RuntimeError read() called while another coroutine is already waiting for incoming data",
                "cancelled read leaves data: b'kept'",
                "exception boom");
    }

    @Test
    void feedDataCopiesWhileATransportsOwnArrayIsHandedOverWhole() {
        try (Runner runner = new Runner().virtualTime(true)) {
            runner.run(() -> {
                StreamReader r = new StreamReader();
                byte[] mine = b("abc");
                r.feedData(mine);
                mine[0] = 'X'; // the caller keeps its array: the reader must have copied it
                assertThat(repr(r.read(10).await())).isEqualTo("b'abc'");

                byte[] owned = b("hello");
                r.feedOwned(owned);
                assertThat(r.read(10).await()).isSameAs(owned);

                byte[] part = b("0123456789");
                r.feedOwned(part);
                assertThat(repr(r.read(4).await())).isEqualTo("b'0123'");
                r.feedData(b("AB")); // appended behind the adopted array's rest, not over it
                assertThat(repr(r.readexactly(8).await())).isEqualTo("b'456789AB'");
                return null;
            });
        }
    }

    /**
     * CPython's types and messages by the rule of docs/python-to-java.md (ValueError: IllegalArgumentException; an assertion or a
     * RuntimeError: IllegalStateException). CPython 3.12.1 prints {@code ValueError: Limit cannot be <= 0},
     * {@code AssertionError: feed_data after feed_eof} and {@code ValueError: negative buffersize in recv} for
     * {@code asyncio.StreamReader(limit=0)}, {@code r.feed_eof(); r.feed_data(b"x")} and
     * {@code await loop.sock_recv(sock, -1)}.
     */
    @Test
    void badArgumentsAndCallsSayWhatCPythonSays() throws Exception {
        List<String> out = new ArrayList<>();
        try {
            new StreamReader(0);
        } catch (IllegalArgumentException e) {
            out.add("ValueError: " + e.getMessage());
        }
        StreamReader r = new StreamReader();
        r.feedEof();
        try {
            r.feedData(b("x"));
        } catch (IllegalStateException e) {
            out.add("AssertionError: " + e.getMessage());
        }
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open()) {
            io.asyncio4j.net.Sockets.sockRecv(ch, -1);
        } catch (IllegalArgumentException e) {
            out.add("ValueError: " + e.getMessage());
        }
        assertThat(out).containsExactly("ValueError: Limit cannot be <= 0",
                "AssertionError: feed_data after feed_eof", "ValueError: negative buffersize in recv");
    }
}
