package io.asyncio4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Barrier;
import io.asyncio4j.BoundedSemaphore;
import io.asyncio4j.Coro;
import io.asyncio4j.Py;
import io.asyncio4j.Runner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of conformance/c05_barrier_bounded.py. */
class C05BarrierBoundedTest {
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void barrierAndBoundedSemaphore() {
        List<String> out = new ArrayList<>();
        try (Runner r = new Runner().virtualTime(true)) {
            r.run(() -> {
                Barrier b = new Barrier(3);
                List<Coro<Integer>> parties = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    parties.add(() -> {
                        int idx = b.waitParties().await();
                        out.add("party " + n + " passed");
                        return idx;
                    });
                }
                List<Integer> idx = new ArrayList<>(Asyncio.gather(parties).await());
                idx.sort(null);
                out.add(Py.repr(idx));
                BoundedSemaphore s = new BoundedSemaphore(1);
                try {
                    s.release();
                } catch (IllegalStateException e) {
                    out.add("bounded release refused");
                }
                return null;
            });
        }
        assertThat(out).containsExactly("party 2 passed", "party 0 passed", "party 1 passed", "[0, 1, 2]",
                "bounded release refused");
    }
}
