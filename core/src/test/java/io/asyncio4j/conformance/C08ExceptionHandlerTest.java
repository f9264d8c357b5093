package io.asyncio4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Py;
import io.asyncio4j.Runner;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Port of conformance/c08_exception_handler.py. Python strips the callback's description
 * ({@code main.<locals>.<lambda>() at file:line}); the Java description of a lambda starts with the declaring
 * class's name, so the analogous transform keeps the text before it.
 */
class C08ExceptionHandlerTest {
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void callbackErrorReachesTheHandler() {
        List<String> out = new ArrayList<>();
        try (Runner r = new Runner().virtualTime(true)) {
            r.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                List<String> seen = new ArrayList<>();
                String cls = Pattern.quote(C08ExceptionHandlerTest.class.getName());
                loop.setExceptionHandler((l, ctx) -> seen.add(
                        ((String) ctx.get("message")).split(" at ")[0].split(cls)[0].strip()));
                int zero = 0;
                loop.callSoon(() -> {
                    int x = 1 / zero;
                });
                Asyncio.sleep(0.01).await();
                out.add(Py.repr(seen));
                return null;
            });
        }
        assertThat(out).containsExactly("['Exception in callback']");
    }
}
