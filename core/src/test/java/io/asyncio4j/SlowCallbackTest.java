package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Debug mode names callbacks and task steps that hold the loop longer than slowCallbackDuration. */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class SlowCallbackTest {
    @Test
    void aBlockingTaskStepIsLoggedInDebugMode() throws Exception {
        List<String> warnings = new ArrayList<>();
        Logger jul = Logger.getLogger("io.asyncio4j");
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getMessage().startsWith("Executing")) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try (Runner r = new Runner().debug(true).virtualTime(true)) {
            r.run(() -> {
                Asyncio.getRunningLoop().setSlowCallbackDuration(0.05);
                Task<Void> blocker = Asyncio.createTask(() -> {
                    Thread.sleep(80); // blocks the whole loop, as a blocking call does in asyncio
                    return null;
                }, "blocker");
                blocker.await();
                Asyncio.sleep(0).await(); // quick steps are not logged
                return null;
            });
        } finally {
            jul.removeHandler(h);
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("blocker").containsPattern("took 0\\.\\d{3} seconds");
    }

    @Test
    void theDurationMustBeANonNegativeNumber() {
        assertThatThrownBy(() -> Asyncio.newEventLoop().setSlowCallbackDuration(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Asyncio.newEventLoop().setSlowCallbackDuration(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
