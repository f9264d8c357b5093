package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Reporting an error never ends the loop, even when every way of reporting fails too. */
class ErrorReportingTest {
    /** The JDK logging handler of a process that cannot open a file any more: every record fails. */
    static final class FailingHandler extends Handler {
        int attempts;

        @Override
        public void publish(LogRecord record) {
            attempts++;
            throw new NoClassDefFoundError("simulated: no descriptor left to load a class");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aLoopWhoseReportsAllFailGoesOn() {
        Logger log = Logger.getLogger("io.asyncio4j");
        FailingHandler failing = new FailingHandler();
        boolean parents = log.getUseParentHandlers();
        log.addHandler(failing);
        log.setUseParentHandlers(false);
        try {
            List<String> out = Asyncio.run(() -> {
                List<String> seen = new ArrayList<>();
                EventLoop loop = Asyncio.getRunningLoop();
                loop.callSoon(() -> {
                    throw new IllegalStateException("a callback's bug");
                });
                loop.callSoon(() -> seen.add("the next callback ran"));
                Asyncio.sleep(0).await();
                loop.setExceptionHandler((l, ctx) -> {
                    throw new IllegalStateException("the exception handler's own bug");
                });
                loop.callSoon(() -> {
                    throw new IllegalStateException("another bug");
                });
                loop.callSoon(() -> seen.add("and the one after the handler failed"));
                Asyncio.sleep(0).await();
                return seen;
            });
            assertThat(out).containsExactly("the next callback ran", "and the one after the handler failed");
            assertThat(failing.attempts).as("each report was tried").isGreaterThanOrEqualTo(2);
        } finally {
            log.removeHandler(failing);
            log.setUseParentHandlers(parents);
        }
    }
}
