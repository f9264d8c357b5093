package io.asyncio4j.streams;

import static io.asyncio4j.streams.Bytes.b;
import static io.asyncio4j.streams.Bytes.repr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.LimitOverrunError;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code for (byte[] line : reader)}: CPython's {@code async for line in reader} (issue 17, item 13). */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamReaderLinesTest {
    private static <T> T run(io.asyncio4j.Coro<T> main) {
        try (Runner r = new Runner().virtualTime(true)) {
            return r.run(main);
        }
    }

    /*
     * CPython 3.12:
     * r = asyncio.StreamReader(limit=4); r.feed_data(b"ab\nlonglongline\ncd\nlast"); r.feed_eof()
     * try:
     *     async for line in r: out.append(line)
     * except ValueError as e: out.append(f"ValueError {e} left={bytes(r._buffer)!r}")
     * async for line in r: out.append(line)
     * out.append(("again", [l async for l in r]))
     * -> [b'ab\n', "ValueError Separator is found, but chunk is longer than limit left=b'cd\\nlast'", b'cd\n',
     *     b'last', ('again', [])]
     */
    @Test
    void linesEndAtEofAndALineOverTheLimitIsThrownThenDropped() {
        List<String> out = run(() -> {
            List<String> o = new ArrayList<>();
            StreamReader r = new StreamReader(4);
            r.feedData(b("ab\nlonglongline\ncd\nlast"));
            r.feedEof();
            try {
                for (byte[] line : r) {
                    o.add(repr(line));
                }
            } catch (LimitOverrunError e) {
                o.add("ValueError " + e.getMessage() + " left=" + repr(r.peekBuffer()));
            }
            for (byte[] line : r) {
                o.add(repr(line));
            }
            List<String> again = new ArrayList<>();
            r.forEach(l -> again.add(repr(l)));
            o.add("again " + again);
            return o;
        });
        assertThat(out).containsExactly("b'ab\\n'",
                "ValueError Separator is found, but chunk is longer than limit left=b'cd\\nlast'", "b'cd\\n'",
                "b'last'", "again []");
    }

    /*
     * CPython 3.12: a feeder task sends b"x\ny" at 0.1 and b"\n" plus EOF at 0.2:
     * [(l, now) async for l in r] -> [(b'x\n', 0.1), (b'y\n', 0.2)]
     */
    @Test
    void eachStepSuspendsTheTaskUntilALineComes() {
        List<String> out = run(() -> {
            StreamReader r = new StreamReader();
            double t0 = Asyncio.getRunningLoop().time();
            Asyncio.createTask(() -> {
                Asyncio.sleep(0.1).await();
                r.feedData(b("x\ny"));
                Asyncio.sleep(0.1).await();
                r.feedData(b("\n"));
                r.feedEof();
                return null;
            });
            List<String> o = new ArrayList<>();
            for (byte[] line : r) {
                o.add(repr(line) + " " + Math.round((Asyncio.getRunningLoop().time() - t0) * 10) / 10.0);
            }
            return o;
        });
        assertThat(out).containsExactly("b'x\\n' 0.1", "b'y\\n' 0.2");
    }

    @Test
    void nextWithoutHasNextWorksAndPastTheEndThrowsNoSuchElement() {
        List<String> out = run(() -> {
            StreamReader r = new StreamReader();
            r.feedData(b("one\ntwo\n"));
            r.feedEof();
            Iterator<byte[]> it = r.iterator();
            List<String> o = new ArrayList<>();
            o.add(repr(it.next()));
            o.add(repr(it.next()));
            o.add("hasNext=" + it.hasNext());
            try {
                it.next();
            } catch (NoSuchElementException e) {
                o.add("NoSuchElementException");
            }
            return o;
        });
        assertThat(out).containsExactly("b'one\\n'", "b'two\\n'", "hasNext=false", "NoSuchElementException");
    }

    @Test
    void theConnectionsErrorIsThrownAndCancellingLeavesTheBufferedData() {
        List<String> out = run(() -> {
            List<String> o = new ArrayList<>();
            StreamReader r = new StreamReader();
            r.feedData(b("partial"));
            Task<Void> t = Asyncio.createTask(() -> {
                for (byte[] line : r) {
                    o.add("line " + repr(line));
                }
                return null;
            });
            Asyncio.sleep(1).await();
            t.cancel();
            try {
                t.await();
            } catch (CancelledError e) {
                o.add("cancelled left=" + repr(r.peekBuffer()));
            }
            IOException reset = new IOException("reset");
            r.setException(reset);
            Iterator<byte[]> it = r.iterator();
            for (int i = 0; i < 2; i++) {
                try {
                    it.hasNext();
                } catch (Throwable e) {
                    o.add("error same=" + (e == reset));
                }
            }
            return o;
        });
        assertThat(out).containsExactly("cancelled left=b'partial'", "error same=true", "error same=true");
    }

    @Test
    void outsideATaskHasNextThrowsIllegalStateException() {
        StreamReader r = new StreamReader();
        r.feedData(b("x\n"));
        assertThatThrownBy(() -> r.iterator().hasNext()).isInstanceOf(IllegalStateException.class);
    }
}
