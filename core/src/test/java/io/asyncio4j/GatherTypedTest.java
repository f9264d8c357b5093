package io.asyncio4j;

import static io.asyncio4j.VirtualTime.runLogged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.VirtualTime.ValueError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code gather2}/{@code gather3}: differently-typed results without casts, behaving as gather (issue 17, item 13). */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GatherTypedTest {
    private static <T> Coro<T> after(double seconds, T v) {
        return Asyncio.sleep(seconds, v);
    }

    @Test
    void twoAndThreeResultsKeepTheirTypesAndArgumentOrder() {
        List<String> out = runLogged(log -> {
            Pair<String, Integer> p = Asyncio.gather2(after(2, "name"), after(1, 42)).await();
            String name = p.first();
            int n = p.second();
            log.add(name + " " + (n + 1) + " " + log.now());
            Task<byte[]> blob = Asyncio.createTask(after(0.5, new byte[] {1, 2}));
            Triple<Integer, byte[], List<String>> t =
                    Asyncio.gather3(after(1, 7), blob, after(3, List.of("x"))).await();
            log.add(t.first() + " " + t.second().length + " " + t.third().get(0) + " " + log.now());
            Coro<String> once = after(1, "s");
            Pair<String, String> same = Asyncio.gather2(once, once).await();
            log.add(same + " " + log.now());
        });
        assertThat(out).containsExactly("name 43 2.0", "7 2 x 5.0", "Pair[first=s, second=s] 6.0");
    }

    /*
     * CPython 3.12:
     * async def boom(): await asyncio.sleep(1); raise ValueError("x")
     * slow = asyncio.create_task(asyncio.sleep(3, "slow"))
     * try: await asyncio.gather(boom(), slow)
     * except ValueError as e: print("ValueError", e, now(), slow.done())   # ValueError x 1.0 False
     * print(await slow, now())                                             # slow 3.0
     * g = asyncio.gather(asyncio.sleep(5), asyncio.sleep(6)); await asyncio.sleep(1); g.cancel()
     * try: await g
     * except asyncio.CancelledError: print("cancelled", now())             # cancelled 1.0
     */
    @Test
    void theFirstExceptionEndsItAndCancellingItCancelsTheChildren() {
        ValueError x = new ValueError("x");
        List<String> out = runLogged(log -> {
            Task<String> slow = Asyncio.createTask(after(3, "slow"));
            Coro<Integer> boom = () -> {
                Asyncio.sleep(1).await();
                throw x;
            };
            try {
                Asyncio.gather2(boom, slow).await();
            } catch (ValueError e) {
                log.add("ValueError same=" + (e == x) + " " + log.now() + " " + slow.done());
            }
            log.add(slow.await() + " " + log.now());
            Task<Void> a = Asyncio.createTask(Asyncio.sleep(5));
            Task<Void> b = Asyncio.createTask(Asyncio.sleep(6));
            Future<Triple<Void, Void, String>> g = Asyncio.gather3(a, b, after(7, "c"));
            Asyncio.sleep(1).await();
            log.add("cancel " + g.cancel());
            try {
                g.await();
            } catch (CancelledError e) {
                log.add("cancelled " + log.now() + " a=" + a.cancelled() + " b=" + b.cancelled());
            }
        });
        assertThat(out).containsExactly("ValueError same=true 1.0 false", "slow 3.0", "cancel true",
                "cancelled 4.0 a=true b=true");
    }

    @Test
    void doneChildrenGiveADoneFutureAndNullsAreRejectedAtOnce() {
        List<String> out = runLogged(log -> {
            Future<String> f = Asyncio.getRunningLoop().createFuture();
            f.setResult("f");
            Future<Integer> g = Asyncio.getRunningLoop().createFuture();
            g.setResult(1);
            Future<Pair<String, Integer>> p = Asyncio.gather2(f, g);
            log.add("done=" + p.done() + " " + p.result());
        });
        assertThat(out).containsExactly("done=true Pair[first=f, second=1]");
        assertThatThrownBy(() -> Asyncio.gather2(null, Asyncio.sleep(1))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Asyncio.gather3(Asyncio.sleep(1), Asyncio.sleep(1), null))
                .isInstanceOf(NullPointerException.class);
    }
}
