package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runsTasksAndSleeps() {
        List<String> out = new ArrayList<>();
        String r;
        try (Runner runner = new Runner().virtualTime(true)) {
            r = runner.run(() -> {
                Task<Integer> t = Asyncio.createTask(() -> {
                    out.add("t start");
                    Asyncio.sleep(1).await();
                    out.add("t end");
                    return 42;
                });
                out.add("main");
                Asyncio.sleep(0).await();
                out.add("after sleep0");
                int v = t.await();
                out.add("got " + v + " at " + Asyncio.getRunningLoop().time());
                return "ok";
            });
        }
        assertThat(r).isEqualTo("ok");
        assertThat(out).containsExactly("main", "t start", "after sleep0", "t end", "got 42 at 1.0");
    }
}
