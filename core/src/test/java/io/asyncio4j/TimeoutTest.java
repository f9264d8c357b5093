package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;
import static io.asyncio4j.VirtualTime.runLogged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.VirtualTime.ValueError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Asyncio.timeout/timeoutAt and the Timeout handle, checked line by line against CPython 3.12 (test_timeouts). */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class TimeoutTest {
    /*
     * CPython 3.12.1 printed the lines below for this program (run in real time, so its stamps from "timeout_at" on
     * carry ~0.01 s of drift: 1.41, 1.51, 1.81; virtual time has none):
     *
     * me = asyncio.current_task()
     * try:
     *     async with asyncio.timeout(0.1) as cm: await asyncio.sleep(1)
     * except TimeoutError as e:
     *     log(f"timeout expired={cm.expired()} cause={type(e.__cause__).__name__} cancelling={me.cancelling()} {now()}")
     * async with asyncio.timeout(1) as cm: await asyncio.sleep(0.1)
     * log(f"in time expired={cm.expired()} {now()}")
     * try:
     *     async with asyncio.timeout(0):
     *         await asyncio.sleep(0); log("not reached")
     * except TimeoutError: log("timeout(0) sleep(0) timed out")
     * try:
     *     async with asyncio.timeout(0.1):
     *         try:
     *             async with asyncio.timeout(0.1): await asyncio.sleep(1)
     *         except TimeoutError: log("inner TimeoutError")
     *         except asyncio.CancelledError: log("inner CancelledError"); raise
     * except TimeoutError: log(f"outer TimeoutError {now()}")
     * async with asyncio.timeout(1):
     *     try:
     *         async with asyncio.timeout(0.1): await asyncio.sleep(1)
     *     except TimeoutError: log(f"inner shorter timed out {now()}")
     * try:
     *     async with asyncio.timeout(None) as cm:
     *         log(f"when={cm.when()}"); cm.reschedule(loop.time() + 0.2); await asyncio.sleep(1)
     * except TimeoutError: log(f"rescheduled timeout {now()}")
     * try: cm.reschedule(1)
     * except RuntimeError as e: log(f"RuntimeError {e}")
     * async with asyncio.timeout(0.1) as cm:
     *     cm.reschedule(None); await asyncio.sleep(0.3)
     * log(f"unscheduled: expired={cm.expired()} {now()}")
     * async def victim():
     *     try:
     *         async with asyncio.timeout(1): await asyncio.sleep(5)
     *     except TimeoutError: log("victim TimeoutError (wrong)")
     * t = asyncio.create_task(victim()); await asyncio.sleep(0.1); t.cancel()
     * try: await t
     * except asyncio.CancelledError: log(f"victim cancelled={t.cancelled()} {now()}")
     * async def both():
     *     async with asyncio.timeout(0.1): await asyncio.sleep(5)
     * t = asyncio.create_task(both()); loop.call_later(0.1, t.cancel)
     * try: await t
     * except asyncio.CancelledError: log(f"outside cancel at the deadline wins: cancelled={t.cancelled()}")
     * try:
     *     async with asyncio.timeout_at(loop.time() + 0.3): await asyncio.sleep(1)
     * except TimeoutError: log(f"timeout_at {now()}")
     * async with asyncio.timeout(0.1) as cm:
     *     try: await asyncio.sleep(1)
     *     except asyncio.CancelledError: log("swallowed")
     * log(f"after swallow expired={cm.expired()} cancelling={me.cancelling()} {now()}")
     * try:
     *     async with asyncio.timeout(0.1):
     *         try: await asyncio.sleep(1)
     *         finally:
     *             await asyncio.sleep(0.2); log(f"finally ran {now()}")
     * except TimeoutError: log(f"timeout after finally {now()}")
     * try:
     *     async with asyncio.timeout(0.5): raise ValueError("body")
     * except ValueError as e: log(f"ValueError {e}")
     */
    @Test
    void timeoutMatchesCPython() {
        List<String> out = runLogged(log -> {
            Task<?> me = Asyncio.currentTask();
            EventLoop loop = Asyncio.getRunningLoop();
            Timeout[] cm = new Timeout[1];
            try {
                Asyncio.timeout(0.1, (Timeout t) -> {
                    cm[0] = t;
                    return Asyncio.sleep(1).await();
                }).await();
            } catch (TimeoutError e) {
                log.add("timeout expired=" + Py.repr(cm[0].expired()) + " cause="
                        + e.getCause().getClass().getSimpleName() + " cancelling=" + me.cancelling() + " " + log.now());
            }
            Asyncio.timeout(1.0, (Timeout t) -> {
                cm[0] = t;
                return Asyncio.sleep(0.1).await();
            }).await();
            log.add("in time expired=" + Py.repr(cm[0].expired()) + " " + log.now());
            try {
                Asyncio.timeout(0.0, () -> {
                    Asyncio.sleep(0).await();
                    log.add("not reached");
                    return null;
                }).await();
            } catch (TimeoutError e) {
                log.add("timeout(0) sleep(0) timed out");
            }
            try {
                Asyncio.timeout(0.1, () -> {
                    try {
                        Asyncio.timeout(0.1, Asyncio.sleep(1)).await();
                    } catch (TimeoutError e) {
                        log.add("inner TimeoutError");
                    } catch (CancelledError e) {
                        log.add("inner CancelledError");
                        throw e;
                    }
                    return null;
                }).await();
            } catch (TimeoutError e) {
                log.add("outer TimeoutError " + log.now());
            }
            Asyncio.timeout(1.0, () -> {
                try {
                    Asyncio.timeout(0.1, Asyncio.sleep(1)).await();
                } catch (TimeoutError e) {
                    log.add("inner shorter timed out " + log.now());
                }
                return null;
            }).await();
            try {
                Asyncio.timeout(null, (Timeout t) -> {
                    cm[0] = t;
                    log.add("when=" + Py.repr(t.when()));
                    t.reschedule(loop.time() + 0.2);
                    return Asyncio.sleep(1).await();
                }).await();
            } catch (TimeoutError e) {
                log.add("rescheduled timeout " + log.now());
            }
            try {
                cm[0].reschedule(1.0);
            } catch (IllegalStateException e) {
                log.add("RuntimeError " + e.getMessage());
            }
            Asyncio.timeout(0.1, (Timeout t) -> {
                cm[0] = t;
                t.reschedule(null);
                return Asyncio.sleep(0.3).await();
            }).await();
            log.add("unscheduled: expired=" + Py.repr(cm[0].expired()) + " " + log.now());
            Task<Void> victim = Asyncio.createTask(() -> {
                try {
                    Asyncio.timeout(1.0, Asyncio.sleep(5)).await();
                } catch (TimeoutError e) {
                    log.add("victim TimeoutError (wrong)");
                }
                return null;
            });
            Asyncio.sleep(0.1).await();
            victim.cancel();
            try {
                victim.await();
            } catch (CancelledError e) {
                log.add("victim cancelled=" + Py.repr(victim.cancelled()) + " " + log.now());
            }
            Task<Void> both = Asyncio.createTask(Asyncio.timeout(0.1, Asyncio.sleep(5)));
            loop.callLater(0.1, both::cancel);
            try {
                both.await();
            } catch (CancelledError e) {
                log.add("outside cancel at the deadline wins: cancelled=" + Py.repr(both.cancelled()));
            }
            try {
                Asyncio.timeoutAt(loop.time() + 0.3, Asyncio.sleep(1)).await();
            } catch (TimeoutError e) {
                log.add("timeout_at " + log.now());
            }
            Asyncio.timeout(0.1, (Timeout t) -> {
                cm[0] = t;
                try {
                    Asyncio.sleep(1).await();
                } catch (CancelledError e) {
                    log.add("swallowed");
                }
                return null;
            }).await();
            log.add("after swallow expired=" + Py.repr(cm[0].expired()) + " cancelling=" + me.cancelling() + " "
                    + log.now());
            try {
                Asyncio.timeout(0.1, () -> {
                    try {
                        Asyncio.sleep(1).await();
                    } finally {
                        Asyncio.sleep(0.2).await();
                        log.add("finally ran " + log.now());
                    }
                    return null;
                }).await();
            } catch (TimeoutError e) {
                log.add("timeout after finally " + log.now());
            }
            try {
                Asyncio.timeout(0.5, () -> {
                    throw new ValueError("body");
                }).await();
            } catch (ValueError e) {
                log.add("ValueError " + e.getMessage());
            }
        });
        assertThat(out).containsExactly(
                "timeout expired=True cause=CancelledError cancelling=0 0.1",
                "in time expired=False 0.2",
                "timeout(0) sleep(0) timed out",
                "inner CancelledError",
                "outer TimeoutError 0.3",
                "inner shorter timed out 0.4",
                "when=None",
                "rescheduled timeout 0.6",
                "RuntimeError Cannot change state of expired Timeout",
                "unscheduled: expired=False 0.9",
                "victim cancelled=True 1.0",
                "outside cancel at the deadline wins: cancelled=True",
                "timeout_at 1.4",
                "swallowed",
                "after swallow expired=True cancelling=0 1.5",
                "finally ran 1.8",
                "timeout after finally 1.8",
                "ValueError body");
    }

    @Test
    void theBodyRunsInTheCurrentTaskAndItsValueIsReturned() {
        List<Object> r = run(() -> {
            Task<?> me = Asyncio.currentTask();
            return Asyncio.timeout(1.0, () -> List.<Object>of(Asyncio.currentTask() == me, "v")).await();
        });
        assertThat(r).containsExactly(true, "v");
    }

    @Test
    void whenIsOnTheLoopClockAndRescheduleMovesIt() {
        List<Object> r = run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Asyncio.sleep(2).await();
            return Asyncio.timeout(3.0, (Timeout t) -> {
                double first = t.when();
                t.reschedule(loop.time() + 10);
                Asyncio.sleep(5).await(); // past the first deadline, before the new one
                return List.<Object>of(first, t.when(), t.expired(), t.toString());
            }).await();
        });
        assertThat(r).containsExactly(5.0, 12.0, false, "<Timeout [active] when=12.0>");
    }

    /**
     * CPython 3.12.1 prints these lines for:
     * <pre>{@code
     * async def main():
     *     loop = asyncio.get_running_loop()
     *     async with asyncio.timeout_at(1000000000.123456) as cm:
     *         print(repr(cm))
     *         cm.reschedule(None)
     *         print(repr(cm))
     *         cm.reschedule(2.5)
     *         print(repr(cm))
     *         cm.reschedule(0.0005)   # the exact binary value is above the tie
     *         print(repr(cm))
     *         cm.reschedule(1e17)
     *         print(repr(cm))
     *         cm.reschedule(loop.time() + 3600)
     *     print(repr(cm))
     *     try:
     *         async with asyncio.timeout(0) as cm2:
     *             await asyncio.sleep(1)
     *     except TimeoutError:
     *         print(repr(cm2))
     * }</pre>
     */
    @Test
    void toStringIsCPythonsReprWithTheDeadlineRoundedToThreeDecimals() {
        List<String> out = run(() -> {
            List<String> lines = new ArrayList<>();
            EventLoop loop = Asyncio.getRunningLoop();
            Timeout[] kept = new Timeout[2];
            Asyncio.timeoutAt(1000000000.123456, (Timeout cm) -> {
                kept[0] = cm;
                lines.add(cm.toString());
                cm.reschedule(null);
                lines.add(cm.toString());
                cm.reschedule(2.5);
                lines.add(cm.toString());
                cm.reschedule(0.0005);
                lines.add(cm.toString());
                cm.reschedule(1e17);
                lines.add(cm.toString());
                cm.reschedule(loop.time() + 3600);
                return null;
            }).await();
            lines.add(kept[0].toString());
            try {
                Asyncio.timeout(0.0, (Timeout cm2) -> {
                    kept[1] = cm2;
                    return Asyncio.sleep(1).await();
                }).await();
            } catch (TimeoutError e) {
                lines.add(kept[1].toString());
            }
            return lines;
        });
        assertThat(out).containsExactly(
                "<Timeout [active] when=1000000000.123>",
                "<Timeout [active] when=None>",
                "<Timeout [active] when=2.5>",
                "<Timeout [active] when=0.001>",
                "<Timeout [active] when=1e+17>",
                "<Timeout [finished]>",
                "<Timeout [expired]>");
    }

    @Test
    void aTimeoutCannotBeMovedAfterItsBodyEnded() {
        Timeout[] kept = new Timeout[1];
        run(() -> Asyncio.timeout(1.0, (Timeout t) -> kept[0] = t).await());
        assertThatThrownBy(() -> kept[0].reschedule(3.0))
                .isInstanceOf(IllegalStateException.class).hasMessage("Cannot change state of finished Timeout");
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        assertThatThrownBy(() -> run(() -> Asyncio.timeout(Double.NaN, Asyncio.sleep(1)).await()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Asyncio.timeout(1.0, (Coro<Object>) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("body");
        assertThatThrownBy(() -> Asyncio.timeout(1.0, Asyncio.sleep(1)).await())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a task");
    }
}
