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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * More of CPython's {@code Lib/test/test_asyncio/test_streams.py} reader tests (those {@link StreamReaderTest} does
 * not cover): chunks arriving while a read waits, separators split across chunks, limits with data already there,
 * exceptions waking waiters. The expected lines are CPython's output for this program, line by line:
 *
 * <pre>{@code
 * r = asyncio.StreamReader(); r.feed_data(b''); log(f"feed empty: {bytes(r._buffer)!r}")
 * r = asyncio.StreamReader(); r.feed_data(b'line1'); r.feed_data(b'line2')
 * log(f"read line breaks: {await r.read(5)!r} {await r.read(5)!r}")
 * r = asyncio.StreamReader(); t = asyncio.create_task(r.read(-1)); await asyncio.sleep(0)
 * r.feed_data(b'chunk1\n'); r.feed_data(b'chunk2'); r.feed_eof()
 * log(f"read until eof: {await t!r} left={bytes(r._buffer)!r}")
 * r = asyncio.StreamReader(); r.feed_data(b'line\n'); a = await r.read(2); r.set_exception(ValueError())
 * try: await r.read(2)
 * except ValueError: log(f"read exception after {a!r}: ValueError")
 * async def lim(feeds):                      # test_readline_limit: feeds from another task, then EOF
 *     r = asyncio.StreamReader(limit=7)
 *     async def f():
 *         for x in feeds: r.feed_data(x)
 *         r.feed_eof()
 *     asyncio.create_task(f())
 *     try: res = repr(await r.readline())
 *     except ValueError as e: res = "ValueError"
 *     log(f"readline limit {feeds}: {res} left={bytes(r._buffer)!r}")
 * await lim([b'chunk1', b'chunk2', b'chunk3\n']); await lim([b'chunk1', b'chunk2\n', b'chunk3\n'])
 * for d in [b'1234567\n', b'12345678\n', b'12345678']:
 *     r = asyncio.StreamReader(limit=7); r.feed_data(d)
 *     try: res = repr(await r.readline())
 *     except ValueError: res = "ValueError"
 *     log(f"readline limit existing {d!r}: {res} left={bytes(r._buffer)!r}")
 * r = asyncio.StreamReader(); r.feed_data(b'line1\nline2\nline3\n')
 * l = await r.readline(); log(f"nolimit nowait: {l!r} then read(7) {await r.read(7)!r} left={bytes(r._buffer)!r}")
 * r = asyncio.StreamReader(); r.feed_data(b'line\n'); l = await r.readline(); r.set_exception(ValueError())
 * try: await r.readline()
 * except ValueError: log(f"readline exception after {l!r}: ValueError left={bytes(r._buffer)!r}")
 * r = asyncio.StreamReader()
 * try: await r.readuntil(b'')
 * except ValueError as e: log(f"readuntil empty separator: ValueError {e}")
 * r = asyncio.StreamReader()
 * r.feed_data(b'lineAAA'); a = await r.readuntil(b'AAA'); r.feed_data(b'lineAAA'); b_ = await r.readuntil(b'AAA')
 * r.feed_data(b'lineAAAxxx'); c = await r.readuntil(b'AAA')
 * log(f"readuntil multi chunks: {a!r} {b_!r} {c!r} left={bytes(r._buffer)!r}")
 * r = asyncio.StreamReader(); res = []      # test_readuntil_multi_chunks_1
 * for feeds in [[b'QWEaa', b'XYaa', b'a'], [b'QWEaa', b'XYa', b'aa'], [b'aaa'], [b'Xaaa'], [b'XXX', b'a', b'a', b'a']]:
 *     async def f(feeds=feeds):
 *         for x in feeds:
 *             await asyncio.sleep(0); r.feed_data(x)
 *     asyncio.create_task(f())
 *     res.append(await r.readuntil(b'aaa'))
 * log(f"readuntil split separators: {res!r} left={bytes(r._buffer)!r}")
 * r = asyncio.StreamReader(limit=3); r.feed_data(b'some dataAA')   # test_readuntil_limit_found_sep
 * try: await r.readuntil(b'AAA')
 * except asyncio.LimitOverrunError as e: log(f"limit found sep 1: {e.args[0]} consumed={e.consumed} left=...")
 * r.feed_data(b'A')  (and the same again as "limit found sep 2")
 * r = asyncio.StreamReader(); r.feed_data(b'data')
 * log(f"readexactly 0: {await r.readexactly(0)!r} left={bytes(r._buffer)!r}")
 * try: await r.readexactly(-1)
 * except ValueError as e: log(f"readexactly -1: ValueError {e}")
 * r = asyncio.StreamReader(); t = asyncio.create_task(r.readexactly(12)); await asyncio.sleep(0)
 * r.feed_data(b'chunk'); await asyncio.sleep(0); r.feed_data(b'chunk'); await asyncio.sleep(0); r.feed_data(b'chunk')
 * log(f"readexactly waiting: {await t!r} left={bytes(r._buffer)!r}")
 * r = asyncio.StreamReader(limit=3); r.feed_data(b'chunk'*3)
 * log(f"readexactly ignores limit: {await r.readexactly(12)!r}")
 * r = asyncio.StreamReader(); t = asyncio.create_task(r.readexactly(10)); await asyncio.sleep(0)
 * r.feed_data(b'chunk'); r.feed_eof()
 * try: await t
 * except asyncio.IncompleteReadError as e: log(f"readexactly eof: {e} partial={e.partial!r} expected={e.expected}")
 * r = asyncio.StreamReader(); r.feed_data(b'line\n'); a = await r.readexactly(2); r.set_exception(ValueError())
 * try: await r.readexactly(2)
 * except ValueError: log(f"readexactly exception after {a!r}: ValueError")
 * r = asyncio.StreamReader(); t = asyncio.create_task(r.readline()); await asyncio.sleep(0)
 * r.set_exception(ValueError("waiting"))
 * try: await t
 * except ValueError as e: log(f"exception wakes a waiter: {e}")
 * r = asyncio.StreamReader(); t = asyncio.create_task(r.readline()); await asyncio.sleep(0)
 * t.cancel(); await asyncio.sleep(0); r.set_exception(RuntimeError('message')); await asyncio.sleep(0)
 * log(f"cancelled waiter then exception: waiter={r._waiter} cancelled={t.cancelled()}")
 * r = asyncio.StreamReader(); a = r.at_eof(); r.feed_data(b'some data\n'); b_ = r.at_eof()
 * await r.readline(); c = r.at_eof(); r.feed_data(b'some data\n'); r.feed_eof(); await r.readline(); d = r.at_eof()
 * log(f"at_eof: {a} {b_} {c} {d}")
 * r = asyncio.StreamReader(); r.feed_data(b'ab'); r.feed_eof()
 * try: await r.readuntil(b'\n')
 * except asyncio.IncompleteReadError as e: log(f"readuntil eof message: {e}")
 * }</pre>
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamReaderPortTest {
    static String left(StreamReader r) {
        return repr(r.peekBuffer());
    }

    static String py(boolean b) {
        return b ? "True" : "False";
    }

    static Coro<Void> feeder(StreamReader r, List<String> feeds, boolean yieldFirst, boolean eof) {
        return () -> {
            for (String f : feeds) {
                if (yieldFirst) {
                    Asyncio.sleep(0).await();
                }
                r.feedData(b(f));
            }
            if (eof) {
                r.feedEof();
            }
            return null;
        };
    }

    static String readlineLimit(List<String> feeds) {
        StreamReader r = new StreamReader(7);
        Asyncio.createTask(feeder(r, feeds, false, true));
        String res;
        try {
            res = repr(r.readline().await());
        } catch (LimitOverrunError e) {
            res = "ValueError";
        }
        List<String> shown = new ArrayList<>();
        feeds.forEach(f -> shown.add(repr(b(f))));
        return "readline limit " + shown.toString().replace(", ", ", ") + ": " + res + " left=" + left(r);
    }

    @Test
    void moreReaderBehavioursMatchCPython() {
        List<String> out = new ArrayList<>();
        try (Runner runner = new Runner().virtualTime(true)) {
            runner.run(() -> {
                StreamReader r = new StreamReader();
                r.feedData(b(""));
                out.add("feed empty: " + left(r));

                r = new StreamReader();
                r.feedData(b("line1"));
                r.feedData(b("line2"));
                out.add("read line breaks: " + repr(r.read(5).await()) + " " + repr(r.read(5).await()));

                StreamReader r1 = new StreamReader();
                Task<byte[]> all = Asyncio.createTask(r1.read(-1));
                Asyncio.sleep(0).await();
                r1.feedData(b("chunk1\n"));
                r1.feedData(b("chunk2"));
                r1.feedEof();
                out.add("read until eof: " + repr(all.await()) + " left=" + left(r1));

                r = new StreamReader();
                r.feedData(b("line\n"));
                byte[] a = r.read(2).await();
                r.setException(new IllegalArgumentException());
                try {
                    r.read(2).await();
                } catch (IllegalArgumentException e) {
                    out.add("read exception after " + repr(a) + ": ValueError");
                }

                out.add(readlineLimit(List.of("chunk1", "chunk2", "chunk3\n")));
                out.add(readlineLimit(List.of("chunk1", "chunk2\n", "chunk3\n")));
                for (String d : List.of("1234567\n", "12345678\n", "12345678")) {
                    r = new StreamReader(7);
                    r.feedData(b(d));
                    String res;
                    try {
                        res = repr(r.readline().await());
                    } catch (LimitOverrunError e) {
                        res = "ValueError";
                    }
                    out.add("readline limit existing " + repr(b(d)) + ": " + res + " left=" + left(r));
                }

                r = new StreamReader();
                r.feedData(b("line1\nline2\nline3\n"));
                byte[] l = r.readline().await();
                out.add("nolimit nowait: " + repr(l) + " then read(7) " + repr(r.read(7).await()) + " left="
                        + left(r));

                r = new StreamReader();
                r.feedData(b("line\n"));
                l = r.readline().await();
                r.setException(new IllegalArgumentException());
                try {
                    r.readline().await();
                } catch (IllegalArgumentException e) {
                    out.add("readline exception after " + repr(l) + ": ValueError left=" + left(r));
                }

                try {
                    new StreamReader().readuntil(b("")).await();
                } catch (IllegalArgumentException e) {
                    out.add("readuntil empty separator: ValueError " + e.getMessage());
                }

                r = new StreamReader();
                r.feedData(b("lineAAA"));
                byte[] x = r.readuntil(b("AAA")).await();
                r.feedData(b("lineAAA"));
                byte[] y = r.readuntil(b("AAA")).await();
                r.feedData(b("lineAAAxxx"));
                byte[] z = r.readuntil(b("AAA")).await();
                out.add("readuntil multi chunks: " + repr(x) + " " + repr(y) + " " + repr(z) + " left=" + left(r));

                r = new StreamReader();
                List<String> res = new ArrayList<>();
                for (List<String> feeds : List.of(List.of("QWEaa", "XYaa", "a"), List.of("QWEaa", "XYa", "aa"),
                        List.of("aaa"), List.of("Xaaa"), List.of("XXX", "a", "a", "a"))) {
                    Asyncio.createTask(feeder(r, feeds, true, false));
                    res.add(repr(r.readuntil(b("aaa")).await()));
                }
                out.add("readuntil split separators: " + res + " left=" + left(r));

                r = new StreamReader(3);
                r.feedData(b("some dataAA"));
                try {
                    r.readuntil(b("AAA")).await();
                } catch (LimitOverrunError e) {
                    out.add("limit found sep 1: " + e.getMessage() + " consumed=" + e.consumed() + " left=" + left(r));
                }
                r.feedData(b("A"));
                try {
                    r.readuntil(b("AAA")).await();
                } catch (LimitOverrunError e) {
                    out.add("limit found sep 2: " + e.getMessage() + " consumed=" + e.consumed() + " left=" + left(r));
                }

                r = new StreamReader();
                r.feedData(b("data"));
                out.add("readexactly 0: " + repr(r.readexactly(0).await()) + " left=" + left(r));
                try {
                    r.readexactly(-1).await();
                } catch (IllegalArgumentException e) {
                    out.add("readexactly -1: ValueError " + e.getMessage());
                }

                StreamReader r2 = new StreamReader();
                Task<byte[]> exactly = Asyncio.createTask(r2.readexactly(12));
                Asyncio.sleep(0).await();
                r2.feedData(b("chunk"));
                Asyncio.sleep(0).await();
                r2.feedData(b("chunk"));
                Asyncio.sleep(0).await();
                r2.feedData(b("chunk"));
                out.add("readexactly waiting: " + repr(exactly.await()) + " left=" + left(r2));

                r = new StreamReader(3);
                r.feedData(b("chunkchunkchunk"));
                out.add("readexactly ignores limit: " + repr(r.readexactly(12).await()));

                StreamReader r3 = new StreamReader();
                Task<byte[]> short10 = Asyncio.createTask(r3.readexactly(10));
                Asyncio.sleep(0).await();
                r3.feedData(b("chunk"));
                r3.feedEof();
                try {
                    short10.await();
                } catch (IncompleteReadError e) {
                    out.add("readexactly eof: " + e.getMessage() + " partial=" + repr(e.partial()) + " expected="
                            + e.expected());
                }

                r = new StreamReader();
                r.feedData(b("line\n"));
                a = r.readexactly(2).await();
                r.setException(new IllegalArgumentException());
                try {
                    r.readexactly(2).await();
                } catch (IllegalArgumentException e) {
                    out.add("readexactly exception after " + repr(a) + ": ValueError");
                }

                StreamReader r4 = new StreamReader();
                Task<byte[]> waiting = Asyncio.createTask(r4.readline());
                Asyncio.sleep(0).await();
                r4.setException(new IllegalArgumentException("waiting"));
                try {
                    waiting.await();
                } catch (IllegalArgumentException e) {
                    out.add("exception wakes a waiter: " + e.getMessage());
                }

                StreamReader r5 = new StreamReader();
                Task<byte[]> cancelled = Asyncio.createTask(r5.readline());
                Asyncio.sleep(0).await();
                cancelled.cancel();
                Asyncio.sleep(0).await();
                r5.setException(new IllegalStateException("message"));
                Asyncio.sleep(0).await();
                out.add("cancelled waiter then exception: waiter=None cancelled=" + py(cancelled.cancelled()));

                r = new StreamReader();
                boolean e1 = r.atEof();
                r.feedData(b("some data\n"));
                boolean e2 = r.atEof();
                r.readline().await();
                boolean e3 = r.atEof();
                r.feedData(b("some data\n"));
                r.feedEof();
                r.readline().await();
                out.add("at_eof: " + py(e1) + " " + py(e2) + " " + py(e3) + " " + py(r.atEof()));

                r = new StreamReader();
                r.feedData(b("ab"));
                r.feedEof();
                try {
                    r.readuntil(b("\n")).await();
                } catch (IncompleteReadError e) {
                    out.add("readuntil eof message: " + e.getMessage());
                }
                return null;
            });
        }
        assertThat(out).containsExactly(
                "feed empty: b''",
                "read line breaks: b'line1' b'line2'",
                "read until eof: b'chunk1\\nchunk2' left=b''",
                "read exception after b'li': ValueError",
                "readline limit [b'chunk1', b'chunk2', b'chunk3\\n']: ValueError left=b''",
                "readline limit [b'chunk1', b'chunk2\\n', b'chunk3\\n']: ValueError left=b'chunk3\\n'",
                "readline limit existing b'1234567\\n': b'1234567\\n' left=b''",
                "readline limit existing b'12345678\\n': ValueError left=b''",
                "readline limit existing b'12345678': ValueError left=b''",
                "nolimit nowait: b'line1\\n' then read(7) b'line2\\nl' left=b'ine3\\n'",
                "readline exception after b'line\\n': ValueError left=b''",
                "readuntil empty separator: ValueError Separator should be at least one-byte string",
                "readuntil multi chunks: b'lineAAA' b'lineAAA' b'lineAAA' left=b'xxx'",
                "readuntil split separators: [b'QWEaaXYaaa', b'QWEaaXYaaa', b'aaa', b'Xaaa', b'XXXaaa'] left=b''",
                "limit found sep 1: Separator is not found, and chunk exceed the limit consumed=9 "
                        + "left=b'some dataAA'",
                "limit found sep 2: Separator is found, but chunk is longer than limit consumed=9 "
                        + "left=b'some dataAAA'",
                "readexactly 0: b'' left=b'data'",
                "readexactly -1: ValueError readexactly size can not be less than zero",
                "readexactly waiting: b'chunkchunkch' left=b'unk'",
                "readexactly ignores limit: b'chunkchunkch'",
                "readexactly eof: 5 bytes read on a total of 10 expected bytes partial=b'chunk' expected=10",
                "readexactly exception after b'li': ValueError",
                "exception wakes a waiter: waiting",
                "cancelled waiter then exception: waiter=None cancelled=True",
                "at_eof: False False False True",
                "readuntil eof message: 2 bytes read on a total of undefined expected bytes");
    }
}
