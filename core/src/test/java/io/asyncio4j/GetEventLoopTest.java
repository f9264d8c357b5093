package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code asyncio.get_event_loop()} as CPython 3.12 has it: a loop is created only in the main thread and only if
 * {@code set_event_loop} was never called there; a set loop is returned even when closed. The expected lines are
 * what CPython 3.12.1 prints for this program (3.11.7 and 3.13.0 print the same):
 *
 * <pre>{@code
 * import asyncio, threading, warnings
 * warnings.simplefilter("ignore", DeprecationWarning)
 *
 * def attempt(label):
 *     try:
 *         loop = asyncio.get_event_loop()
 *         print(label, "->", type(loop).__name__, "closed" if loop.is_closed() else "open")
 *         return loop
 *     except RuntimeError as e:
 *         print(label, "-> RuntimeError:", e)
 *
 * a = attempt("main, first call")
 * b = attempt("main, second call")
 * print("same loop:", a is b)
 * a.close()
 * c = attempt("main, set loop closed")
 * print("same loop:", a is c)
 * asyncio.set_event_loop(None)
 * attempt("main, after set_event_loop(None)")
 * async def main():
 *     print("inside run: running loop:", asyncio.get_event_loop() is asyncio.get_running_loop())
 * asyncio.run(main())
 * attempt("main, after asyncio.run")
 * def other():
 *     attempt("other thread")
 *     asyncio.set_event_loop(asyncio.new_event_loop())
 *     l = attempt("other thread, after set_event_loop(new)")
 *     l.close()
 * t = threading.Thread(target=other, name="worker-1")
 * t.start(); t.join()
 * }</pre>
 *
 * The Java twin runs the "main thread" part on a fresh thread that it makes the main thread for the test (the JVM's
 * own main thread has long had its loop set and cleared by other tests); CPython's {@code MainThread} is that
 * thread's name, {@code main}, and CPython's loop class name is {@code EventLoop} here.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GetEventLoopTest {

    private static String attempt(List<String> out, String label, AtomicReference<EventLoop> into) {
        try {
            EventLoop loop = Asyncio.getEventLoop();
            into.set(loop);
            out.add(label + " -> EventLoop " + (loop.isClosed() ? "closed" : "open"));
        } catch (IllegalStateException e) {
            into.set(null);
            out.add(label + " -> RuntimeError: " + e.getMessage());
        }
        return label;
    }

    private static void runOn(Thread thread) throws InterruptedException {
        thread.start();
        thread.join();
    }

    @Test
    void onlyTheMainThreadGetsANewLoopAndOnlyUntilSetEventLoopIsCalled() throws InterruptedException {
        List<String> out = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        Thread main = new Thread(() -> {
            try {
                AtomicReference<EventLoop> a = new AtomicReference<>();
                AtomicReference<EventLoop> b = new AtomicReference<>();
                AtomicReference<EventLoop> c = new AtomicReference<>();
                AtomicReference<EventLoop> none = new AtomicReference<>();
                attempt(out, "main, first call", a);
                attempt(out, "main, second call", b);
                out.add("same loop: " + Py.repr(a.get() == b.get()));
                a.get().close();
                attempt(out, "main, set loop closed", c);
                out.add("same loop: " + Py.repr(a.get() == c.get()));
                Asyncio.setEventLoop(null);
                attempt(out, "main, after set_event_loop(None)", none);
                Asyncio.run(() -> {
                    out.add("inside run: running loop: "
                            + Py.repr(Asyncio.getEventLoop() == Asyncio.getRunningLoop()));
                    return null;
                });
                attempt(out, "main, after asyncio.run", none);
                runOn(new Thread(() -> {
                    AtomicReference<EventLoop> l = new AtomicReference<>();
                    attempt(out, "other thread", l);
                    Asyncio.setEventLoop(Asyncio.newEventLoop());
                    attempt(out, "other thread, after set_event_loop(new)", l);
                    l.get().close();
                }, "worker-1"));
            } catch (Throwable t) {
                failures.add(t);
            }
        }, "main");
        Asyncio.swapMainThread(main);
        try {
            runOn(main);
        } finally {
            Asyncio.swapMainThread(null);
        }
        assertThat(failures).isEmpty();
        assertThat(out).containsExactly(
                "main, first call -> EventLoop open",
                "main, second call -> EventLoop open",
                "same loop: True",
                "main, set loop closed -> EventLoop closed",
                "same loop: True",
                "main, after set_event_loop(None) -> RuntimeError: There is no current event loop in thread 'main'.",
                "inside run: running loop: True",
                "main, after asyncio.run -> RuntimeError: There is no current event loop in thread 'main'.",
                "other thread -> RuntimeError: There is no current event loop in thread 'worker-1'.",
                "other thread, after set_event_loop(new) -> EventLoop open");
    }

    /* A thread named "main" is not the main thread for that: only the JVM's own main thread is. */
    @Test
    void aThreadMerelyNamedMainGetsNoLoop() throws InterruptedException {
        List<String> out = new ArrayList<>();
        runOn(new Thread(() -> attempt(out, "impostor", new AtomicReference<>()), "main"));
        assertThat(out).containsExactly(
                "impostor -> RuntimeError: There is no current event loop in thread 'main'.");
    }

    /* Under surefire the tests run in a JVM whose main thread is the launcher's "main". */
    @Test
    void theMainThreadIsTheLaunchersThreadNamedMain() {
        assertThat(Asyncio.mainThread()).hasValueSatisfying(t -> {
            assertThat(t.getName()).isEqualTo("main");
            assertThat(t.isVirtual()).isFalse();
        });
    }
}
