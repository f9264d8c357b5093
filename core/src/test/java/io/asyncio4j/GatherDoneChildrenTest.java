package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code gather()} of children that are already done is returned done (CPython 3.12; 3.11 completed it one loop
 * iteration later). The expected lines are what CPython 3.12.1 (and 3.13.0) prints for this program:
 *
 * <pre>{@code
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     log = []
 *     f1 = loop.create_future(); f1.set_result(1)
 *     f2 = loop.create_future(); f2.set_result(2)
 *     g = asyncio.gather(f1, f2, f1)
 *     print("gather of done futures, done at once:", g.done())
 *     loop.call_soon(log.append, "callback scheduled before the await")
 *     print("result:", await g)
 *     print("log after the await:", log)
 *     bad = loop.create_future(); bad.set_exception(ValueError("boom"))
 *     pending = loop.create_future()
 *     g2 = asyncio.gather(bad, pending)
 *     print("gather of a failed future and a pending one, done at once:", g2.done())
 *     try:
 *         await g2
 *     except ValueError as e:
 *         print("raised:", repr(e))
 *     pending.set_result(None)
 *     g3 = asyncio.gather(f1, f2, return_exceptions=True)
 *     print("return_exceptions, done at once:", g3.done(), g3.result())
 *     c = loop.create_future(); c.cancel("gone")
 *     g4 = asyncio.gather(f1, c)
 *     print("gather of a cancelled future, done at once:", g4.done(), g4.cancelled())
 *     try:
 *         g4.result()
 *     except asyncio.CancelledError as e:
 *         print("raised:", repr(e))
 *     g5 = asyncio.gather(f1, c, return_exceptions=True)
 *     print("return_exceptions with a cancelled future:", g5.done(), g5.result())
 *
 * asyncio.run(main())
 * }</pre>
 *
 * CPython 3.11.7 prints {@code False} on the first line, {@code ['callback scheduled before the await']} on the
 * third, {@code False} on the fourth, and {@code g3.result()} raises {@code InvalidStateError}.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GatherDoneChildrenTest {

    @Test
    void aGatherOfDoneChildrenIsReturnedDone() {
        List<String> out = VirtualTime.run(() -> {
            List<String> lines = new ArrayList<>();
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> log = new ArrayList<>();
            Future<Integer> f1 = loop.createFuture();
            f1.setResult(1);
            Future<Integer> f2 = loop.createFuture();
            f2.setResult(2);
            Future<List<Integer>> g = Asyncio.gather(f1, f2, f1);
            lines.add("gather of done futures, done at once: " + Py.repr(g.done()));
            loop.callSoon(() -> log.add("callback scheduled before the await"));
            lines.add("result: " + Py.repr(g.await()));
            lines.add("log after the await: " + Py.repr(log));
            Future<Object> bad = loop.createFuture();
            bad.setException(new VirtualTime.ValueError("boom"));
            Future<Object> pending = loop.createFuture();
            Future<List<Object>> g2 = Asyncio.gather(bad, pending);
            lines.add("gather of a failed future and a pending one, done at once: " + Py.repr(g2.done()));
            try {
                g2.await();
            } catch (VirtualTime.ValueError e) {
                lines.add("raised: " + Py.repr(e));
            }
            pending.setResult(null);
            Future<List<Object>> g3 = Asyncio.gather(true, f1, f2);
            lines.add("return_exceptions, done at once: " + Py.repr(g3.done()) + " " + Py.repr(g3.result()));
            Future<Object> c = loop.createFuture();
            c.cancel("gone");
            Future<List<Object>> g4 = Asyncio.gather(f1, c);
            lines.add("gather of a cancelled future, done at once: " + Py.repr(g4.done()) + " "
                    + Py.repr(g4.cancelled()));
            try {
                g4.result();
            } catch (CancelledError e) {
                lines.add("raised: " + Py.repr(e));
            }
            Future<List<Object>> g5 = Asyncio.gather(true, f1, c);
            lines.add("return_exceptions with a cancelled future: " + Py.repr(g5.done()) + " "
                    + Py.repr(g5.result()));
            return lines;
        });
        assertThat(out).containsExactly(
                "gather of done futures, done at once: True",
                "result: [1, 2, 1]",
                "log after the await: []",
                "gather of a failed future and a pending one, done at once: True",
                "raised: ValueError('boom')",
                "return_exceptions, done at once: True [1, 2]",
                "gather of a cancelled future, done at once: True False",
                "raised: CancelledError('gone')",
                "return_exceptions with a cancelled future: True [1, CancelledError('gone')]");
    }
}
