package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which {@link CancelledError} a cancelled {@code gather()} throws once all its children have finished: that of the
 * last child in argument order, not of the child that finished last. The expected lines are what CPython 3.12.1
 * (and 3.13.0) prints for this program:
 *
 * <pre>{@code
 * async def child(name, linger):
 *     try:
 *         await asyncio.sleep(10)
 *     except asyncio.CancelledError:
 *         await asyncio.sleep(linger)
 *         print(name, "re-raises after", linger)
 *         raise asyncio.CancelledError(f"{name}'s own")
 *
 * async def swallow(name, linger):
 *     try:
 *         await asyncio.sleep(10)
 *     except asyncio.CancelledError:
 *         await asyncio.sleep(linger)
 *         print(name, "swallows after", linger)
 *     return name
 *
 * async def outcome(label, g):
 *     try:
 *         print(label, "result:", await g)
 *     except asyncio.CancelledError as e:
 *         print(label, "raised:", repr(e))
 *
 * async def main():
 *     a = asyncio.create_task(child("a", 2))
 *     b = asyncio.create_task(child("b", 1))
 *     g = asyncio.gather(a, b, return_exceptions=True)
 *     await asyncio.sleep(0)
 *     g.cancel("stop")
 *     await outcome("A", g)
 *     c = asyncio.create_task(child("c", 1))
 *     d = asyncio.create_task(asyncio.sleep(0, "d"))
 *     g = asyncio.gather(c, d, return_exceptions=True)
 *     await asyncio.sleep(0); await asyncio.sleep(0)
 *     g.cancel("stop")
 *     await outcome("B", g)
 *     e = asyncio.create_task(swallow("e", 2))
 *     f = asyncio.create_task(swallow("f", 1))
 *     g = asyncio.gather(e, f)
 *     await asyncio.sleep(0)
 *     g.cancel("stop")
 *     await outcome("C", g)
 *     h = asyncio.create_task(child("h", 2))
 *     i = asyncio.create_task(asyncio.sleep(10))
 *     g = asyncio.gather(h, i, i, return_exceptions=True)
 *     await asyncio.sleep(0)
 *     g.cancel("stop")
 *     await outcome("D", g)
 *
 * asyncio.run(main())
 * }</pre>
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GatherCancelledErrorTest {

    private static Coro<Object> child(List<String> out, String name, int linger) {
        return () -> {
            try {
                Asyncio.sleep(10).await();
            } catch (CancelledError e) {
                Asyncio.sleep(linger).await();
                out.add(name + " re-raises after " + linger);
                throw new CancelledError(name + "'s own");
            }
            return null;
        };
    }

    private static Coro<Object> swallow(List<String> out, String name, int linger) {
        return () -> {
            try {
                Asyncio.sleep(10).await();
            } catch (CancelledError e) {
                Asyncio.sleep(linger).await();
                out.add(name + " swallows after " + linger);
            }
            return name;
        };
    }

    private static void outcome(List<String> out, String label, Future<List<Object>> g) {
        try {
            out.add(label + " result: " + Py.repr(g.await()));
        } catch (CancelledError e) {
            out.add(label + " raised: " + Py.repr(e));
        }
    }

    @Test
    void theErrorIsTheLastArgumentsNotTheLastFinishers() {
        List<String> out = VirtualTime.run(() -> {
            List<String> lines = new ArrayList<>();
            Task<Object> a = Asyncio.createTask(child(lines, "a", 2));
            Task<Object> b = Asyncio.createTask(child(lines, "b", 1));
            Future<List<Object>> g = Asyncio.gather(true, a, b);
            Asyncio.sleep(0).await();
            g.cancel("stop");
            outcome(lines, "A", g);
            Task<Object> c = Asyncio.createTask(child(lines, "c", 1));
            Task<Object> d = Asyncio.createTask(Asyncio.sleep(0, "d"));
            g = Asyncio.gather(true, c, d);
            Asyncio.sleep(0).await();
            Asyncio.sleep(0).await();
            g.cancel("stop");
            outcome(lines, "B", g);
            Task<Object> e = Asyncio.createTask(swallow(lines, "e", 2));
            Task<Object> f = Asyncio.createTask(swallow(lines, "f", 1));
            g = Asyncio.gather(e, f);
            Asyncio.sleep(0).await();
            g.cancel("stop");
            outcome(lines, "C", g);
            Task<Object> h = Asyncio.createTask(child(lines, "h", 2));
            Task<Void> i = Asyncio.createTask(Asyncio.sleep(10));
            g = Asyncio.gather(true, h, i, i);
            Asyncio.sleep(0).await();
            g.cancel("stop");
            outcome(lines, "D", g);
            return lines;
        });
        assertThat(out).containsExactly(
                "b re-raises after 1",
                "a re-raises after 2",
                "A raised: CancelledError(\"b's own\")",
                "c re-raises after 1",
                "B raised: CancelledError()",
                "f swallows after 1",
                "e swallows after 2",
                "C raised: CancelledError()",
                "h re-raises after 2",
                "D raised: CancelledError('stop')");
    }
}
