package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Runner#Runner(java.util.function.Supplier)}: CPython 3.12's {@code asyncio.Runner(loop_factory=...)}. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunnerLoopFactoryTest {
    /** Runs {@code body} on a fresh thread named "worker", as the Python twin does, and rethrows its failure. */
    static void onWorker(Runnable body) throws InterruptedException {
        Throwable[] failed = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failed[0] = e;
            }
        }, "worker");
        t.start();
        t.join();
        if (failed[0] instanceof RuntimeException e) {
            throw e;
        } else if (failed[0] instanceof Error e) {
            throw e;
        }
    }

    /*
     * CPython 3.12.1 and 3.13.0 print the same, on a thread named 'worker':
     *
     * made = []
     * def factory():
     *     loop = asyncio.new_event_loop(); made.append(loop)
     *     loop.set_exception_handler(lambda l, ctx: print("handler:", ctx["message"])); return loop
     * r = asyncio.Runner(loop_factory=factory, debug=True)
     * print("made before use", len(made))
     * loop = r.get_loop()
     * print("made", len(made), "same", loop is made[0], "debug", loop.get_debug())
     * try: asyncio.get_event_loop(); print("set as the thread's loop")
     * except RuntimeError as e: print("RuntimeError", e)
     * async def main():
     *     asyncio.get_running_loop().call_exception_handler({"message": "hello"})
     *     await asyncio.sleep(0); return asyncio.get_running_loop() is loop
     * print(r.run(main()), r.run(main()), len(made))
     * r.close()
     * print("closed", loop.is_closed())
     * try: r.run(main())
     * except RuntimeError as e: print("RuntimeError", e)
     */
    @Test
    void theFactorysLoopRunsEverythingAndIsClosedWithTheRunnerAsCPython() throws InterruptedException {
        List<String> out = new ArrayList<>();
        onWorker(() -> {
            List<EventLoop> made = new ArrayList<>();
            Runner r = new Runner(() -> {
                EventLoop loop = Asyncio.newEventLoop();
                made.add(loop);
                loop.setExceptionHandler((l, ctx) -> out.add("handler: " + ctx.get("message")));
                return loop;
            }).debug(true);
            out.add("made before use " + made.size());
            EventLoop loop = r.getLoop();
            out.add("made " + made.size() + " same " + Py.repr(loop == made.get(0)) + " debug "
                    + Py.repr(loop.getDebug()));
            try {
                Asyncio.getEventLoop();
                out.add("set as the thread's loop");
            } catch (IllegalStateException e) {
                out.add("RuntimeError " + e.getMessage());
            }
            Coro<Boolean> main = () -> {
                Asyncio.getRunningLoop().callExceptionHandler(java.util.Map.of("message", "hello"));
                Asyncio.sleep(0).await();
                return Asyncio.getRunningLoop() == loop;
            };
            boolean first = r.run(main);
            boolean second = r.run(main);
            out.add(Py.repr(first) + " " + Py.repr(second) + " " + made.size());
            r.close();
            out.add("closed " + Py.repr(loop.isClosed()));
            try {
                r.run(main);
            } catch (IllegalStateException e) {
                out.add("RuntimeError " + e.getMessage());
            }
        });
        assertThat(out).containsExactly(
                "made before use 0",
                "made 1 same True debug True",
                "RuntimeError There is no current event loop in thread 'worker'.",
                "handler: hello",
                "handler: hello",
                "True True 1",
                "closed True",
                "RuntimeError Runner is closed");
    }

    @Test
    void closeCancelsTheLeftoverTasksOfTheFactorysLoop() {
        List<String> log = new ArrayList<>();
        EventLoop[] made = new EventLoop[1];
        try (Runner r = new Runner(() -> made[0] = Asyncio.newEventLoop())) {
            r.run(() -> {
                Asyncio.createTask(() -> {
                    try {
                        Asyncio.sleep(3600).await();
                    } catch (CancelledError e) {
                        log.add("leftover cancelled");
                        throw e;
                    }
                    return null;
                });
                Asyncio.sleep(0).await();
                return null;
            });
        }
        assertThat(log).containsExactly("leftover cancelled");
        assertThat(made[0].isClosed()).isTrue();
    }

    @Test
    void aNullFactoryIsTheDefaultLoopAsCPythonsNone() {
        try (Runner r = new Runner(null).virtualTime(true)) {
            assertThat(r.run(() -> {
                Asyncio.sleep(60).await();
                return Asyncio.getRunningLoop().time();
            })).isEqualTo(60.0);
            assertThat(Asyncio.getEventLoop()).isSameAs(r.getLoop()); // the runner's own loop is the thread's
        }
    }

    @Test
    void optionsForALoopTheRunnerMakesAreRefusedWithAFactory() {
        Runner r = new Runner(Asyncio::newEventLoop);
        assertThatThrownBy(() -> r.virtualTime(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("loop factory");
        assertThatThrownBy(() -> r.closedWorld(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("loop factory");
        r.close();
    }

    @Test
    void whatTheFactoryReturnsIsChecked() {
        try (Runner r = new Runner(() -> null)) {
            assertThatThrownBy(r::getLoop).isInstanceOf(NullPointerException.class)
                    .hasMessage("Runner: the loop factory returned null");
        }
        EventLoop foreign = (EventLoop) Proxy.newProxyInstance(EventLoop.class.getClassLoader(),
                new Class<?>[] {EventLoop.class}, (p, m, a) -> null);
        try (Runner r = new Runner(() -> foreign)) {
            assertThatThrownBy(() -> r.run(() -> null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Runner: the loop factory must return a loop made by Asyncio.newEventLoop()");
        }
        EventLoop closed = Asyncio.newEventLoop();
        closed.close();
        try (Runner r = new Runner(() -> closed)) {
            assertThatThrownBy(r::getLoop).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Runner: the loop factory returned a closed loop");
        }
    }
}
