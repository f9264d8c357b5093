package io.asyncio4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.Future;
import io.asyncio4j.Py;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of conformance/c07_gather_cancel_child.py. */
class C07GatherCancelChildTest {
    static Coro<Integer> child(int n, double d) {
        return () -> {
            Asyncio.sleep(d).await();
            return n;
        };
    }

    /** Python's {@code type(x).__name__} for a result or an exception. */
    static String typeName(Object x) {
        return x instanceof Integer ? "int" : x.getClass().getSimpleName();
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void gatherWithACancelledChild() {
        List<String> out = new ArrayList<>();
        try (Runner r = new Runner().virtualTime(true)) {
            r.run(() -> {
                Task<Integer> a = Asyncio.createTask(child(1, 0.05));
                Task<Integer> b = Asyncio.createTask(child(2, 0.01));
                Future<List<Integer>> g = Asyncio.gather(a, b);
                Asyncio.sleep(0).await();
                a.cancel();
                try {
                    g.await();
                } catch (CancelledError e) {
                    out.add("gather raised CancelledError; gather.cancelled(): " + Py.repr(g.cancelled()));
                }
                Task<Integer> a2 = Asyncio.createTask(child(1, 0.05));
                Task<Integer> b2 = Asyncio.createTask(child(2, 0.01));
                Future<List<Object>> g2 = Asyncio.gather(true, a2, b2);
                Asyncio.sleep(0).await();
                a2.cancel();
                List<Object> res = g2.await();
                out.add(Py.repr(res.stream().map(C07GatherCancelChildTest::typeName).toList()));
                return null;
            });
        }
        assertThat(out).containsExactly("gather raised CancelledError; gather.cancelled(): False",
                "['CancelledError', 'int']");
    }
}
