package io.asyncio4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Py;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port of conformance/c04_uncancel.py. */
class C04UncancelTest {
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void uncancelAndSurvive() {
        List<String> out = new ArrayList<>();
        try (Runner r = new Runner().virtualTime(true)) {
            r.run(() -> {
                Task<String> t = Asyncio.createTask(() -> {
                    try {
                        Asyncio.sleep(1).await();
                    } catch (CancelledError e) {
                        Task<?> me = Asyncio.currentTask();
                        out.add("cancelling " + me.cancelling());
                        me.uncancel();
                        out.add("after uncancel " + me.cancelling());
                        return "survived";
                    }
                    return null;
                });
                Asyncio.sleep(0).await();
                out.add("first cancel " + Py.repr(t.cancel()));
                out.add("second cancel " + Py.repr(t.cancel()));
                String v = t.await();
                out.add(v + " " + Py.repr(t.cancelled()));
                return null;
            });
        }
        assertThat(out).containsExactly("first cancel True", "second cancel True", "cancelling 2", "after uncancel 1",
                "survived False");
    }
}
