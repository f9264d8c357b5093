package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;

import io.asyncio4j.VirtualTime.ValueError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Future semantics, each checked against CPython's output (the Python program is in the comment). */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FutureTest {


    /*
     * f = loop.create_future()
     * f.add_done_callback(lambda f: log.append("cb1")); f.add_done_callback(lambda f: log.append("cb2"))
     * loop.call_soon(lambda: log.append("soon-before")); f.set_result(5)
     * loop.call_soon(lambda: log.append("soon-after")); log.append("set")
     * f.add_done_callback(lambda f: log.append(f"late cb {f.result()}")); log.append("added late")
     * await asyncio.sleep(0); log.append("after sleep0")
     * g = loop.create_future(); g.add_done_callback(cb); g.add_done_callback(other); g.add_done_callback(cb)
     * log.append(f"removed {g.remove_done_callback(cb)}"); log.append(f"removed again {g.remove_done_callback(cb)}")
     * g.set_result(1); await asyncio.sleep(0); log.append("end")
     */
    @Test
    void doneCallbacksRunThroughCallSoonInOrder() {
        List<String> log = new ArrayList<>();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Integer> f = loop.createFuture();
            f.addDoneCallback(x -> log.add("cb1"));
            f.addDoneCallback(x -> log.add("cb2"));
            loop.callSoon(() -> log.add("soon-before"));
            f.setResult(5);
            loop.callSoon(() -> log.add("soon-after"));
            log.add("set");
            f.addDoneCallback(x -> log.add("late cb " + x.result()));
            log.add("added late");
            Asyncio.sleep(0).await();
            log.add("after sleep0");
            Future<Integer> g = loop.createFuture();
            Consumer<Future<Integer>> cb = x -> log.add("cb");
            Consumer<Future<Integer>> other = x -> log.add("other");
            g.addDoneCallback(cb);
            g.addDoneCallback(other);
            g.addDoneCallback(cb);
            log.add("removed " + g.removeDoneCallback(cb));
            log.add("removed again " + g.removeDoneCallback(cb));
            g.setResult(1);
            Asyncio.sleep(0).await();
            log.add("end");
            return null;
        });
        assertThat(log).containsExactly("set", "added late", "soon-before", "cb1", "cb2", "soon-after", "late cb 5",
                "after sleep0", "removed 2", "removed again 0", "other", "end");
    }

    @Test
    void callbackReceivesTheFutureItself() {
        List<Object> seen = new ArrayList<>();
        run(() -> {
            Future<String> f = Asyncio.getRunningLoop().createFuture();
            f.addDoneCallback(seen::add);
            f.setResult("x");
            Asyncio.sleep(0).await();
            assertThat(seen).containsExactly(f);
            return null;
        });
    }

    /*
     * f = loop.create_future(); repr(f); f.done(), f.cancelled(); f.result() / f.exception() -> InvalidStateError
     * f.set_result(1); repr(f); f.result(), f.exception(); f.set_result(2) / f.set_exception(...) -> InvalidStateError
     * f.cancel() -> False ...   (see the expected lines)
     * The messages are asserted by invalidStateErrorsSayWhatCPythonsCFuturesSay.
     */
    @Test
    void statesResultsAndInvalidStateErrors() {
        List<String> log = new ArrayList<>();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Object> f = loop.createFuture();
            log.add(f.toString());
            log.add("done " + Py.repr(f.done()) + " cancelled " + Py.repr(f.cancelled()));
            try {
                f.result();
            } catch (InvalidStateError e) {
                log.add("result: InvalidStateError");
            }
            try {
                f.exception();
            } catch (InvalidStateError e) {
                log.add("exception: InvalidStateError");
            }
            f.setResult(1);
            log.add(f.toString());
            log.add("result " + f.result() + " exception " + Py.repr(f.exception()));
            try {
                f.setResult(2);
            } catch (InvalidStateError e) {
                log.add("set_result: InvalidStateError");
            }
            try {
                f.setException(new ValueError("x"));
            } catch (InvalidStateError e) {
                log.add("set_exception: InvalidStateError");
            }
            log.add("cancel done " + Py.repr(f.cancel()));
            Future<String> s = loop.createFuture();
            s.setResult("r");
            log.add(s.toString());
            Future<Object> e = loop.createFuture();
            ValueError exc = new ValueError("boom");
            e.setException(exc);
            log.add(e.toString());
            log.add("exception is " + Py.repr(e.exception() == exc));
            try {
                e.result();
            } catch (ValueError x) {
                log.add("result raises same " + Py.repr(x == exc));
            }
            Future<Object> c = loop.createFuture();
            log.add("cancel " + Py.repr(c.cancel("stop it")));
            log.add(c.toString());
            log.add("done " + Py.repr(c.done()) + " cancelled " + Py.repr(c.cancelled()));
            try {
                c.result();
            } catch (CancelledError x) {
                log.add("result CancelledError " + Py.args(x));
            }
            try {
                c.exception();
            } catch (CancelledError x) {
                log.add("exception CancelledError " + Py.args(x));
            }
            try {
                c.setResult(1);
            } catch (InvalidStateError x) {
                log.add("set_result: InvalidStateError");
            }
            log.add("cancel again " + Py.repr(c.cancel()));
            log.add("loop " + Py.repr(f.getLoop() == loop));
            Future<Object> w = loop.createFuture();
            Task<Object> t = Asyncio.createTask(() -> {
                try {
                    return w.await();
                } catch (CancelledError x) {
                    log.add("waiter got " + Py.args(x));
                    throw x;
                }
            });
            Asyncio.sleep(0).await();
            w.cancel("m");
            try {
                t.await();
            } catch (CancelledError x) {
                log.add("main got " + Py.args(x));
            }
            log.add("t cancelled " + Py.repr(t.cancelled()) + " cancelling " + t.cancelling());
            return null;
        });
        assertThat(log).containsExactly(
                "<Future pending>",
                "done False cancelled False",
                "result: InvalidStateError",
                "exception: InvalidStateError",
                "<Future finished result=1>",
                "result 1 exception None",
                "set_result: InvalidStateError",
                "set_exception: InvalidStateError",
                "cancel done False",
                "<Future finished result='r'>",
                "<Future finished exception=ValueError('boom')>",
                "exception is True",
                "result raises same True",
                "cancel True",
                "<Future cancelled>",
                "done True cancelled True",
                "result CancelledError ('stop it',)",
                "exception CancelledError ('stop it',)",
                "set_result: InvalidStateError",
                "cancel again False",
                "loop True",
                "waiter got ('m',)",
                "main got ('m',)",
                "t cancelled True cancelling 0");
    }

    @Test
    void invalidStateErrorIsAnIllegalStateException() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Future<Object> f = loop.createFuture();
            assertThatThrownBy(f::result).isInstanceOf(InvalidStateError.class).isInstanceOf(IllegalStateException.class);
            f.setException(new ValueError("v"));
            assertThatThrownBy(() -> f.setException(new ValueError("w"))).isInstanceOf(InvalidStateError.class);
            assertThat(f.exception()).hasMessage("v");
        } finally {
            loop.close();
        }
    }

    @Test
    void awaitingADoneFutureReturnsOrThrowsTheSameObject() {
        ValueError exc = new ValueError("e");
        run(() -> {
            Future<String> ok = Asyncio.getRunningLoop().createFuture();
            ok.setResult("v");
            assertThat(ok.await()).isEqualTo("v");
            Future<String> bad = Asyncio.getRunningLoop().createFuture();
            bad.setException(exc);
            assertThatThrownBy(bad::await).isSameAs(exc);
            assertThatThrownBy(() -> Asyncio.await(bad)).isSameAs(exc);
            return null;
        });
    }

    @Test
    void awaitOutsideATaskThrowsIllegalState() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Future<String> f = loop.createFuture();
            f.setResult("x");
            assertThatThrownBy(f::await).isInstanceOf(IllegalStateException.class).hasMessageContaining("task");
        } finally {
            loop.close();
        }
    }

    @Test
    void addDoneCallbackOnANotRunningLoopRunsWhenTheLoopRuns() {
        List<String> log = new ArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Future<String> f = loop.createFuture();
            f.addDoneCallback(x -> log.add("cb " + x.result()));
            f.setResult("a");
            assertThat(log).isEmpty();
            assertThat(loop.runUntilComplete(f)).isEqualTo("a");
            assertThat(log).containsExactly("cb a");
        } finally {
            loop.close();
        }
    }

    /** Python's {@code type(e).__name__}, with the exception-type rule of docs/python-to-java.md (RuntimeError: IllegalState). */
    private static String pythonType(Throwable e) {
        return e instanceof InvalidStateError || e instanceof CancelledError ? e.getClass().getSimpleName()
                : e instanceof IllegalStateException ? "RuntimeError" : e.getClass().getName();
    }

    private static void show(List<String> out, String label, java.util.concurrent.Callable<?> fn) {
        try {
            out.add(label + " -> " + Py.repr(fn.call()));
        } catch (Throwable e) {
            out.add(label + " -> " + pythonType(e) + ": " + e.getMessage());
        }
    }

    /**
     * CPython 3.12.1 (and 3.13.0), whose futures and tasks are the C ones of {@code _asyncio}, prints these lines for:
     * <pre>{@code
     * def show(label, fn):
     *     try:
     *         r = fn()
     *         print(label, "->", repr(r))
     *     except BaseException as e:
     *         print(label, "->", type(e).__name__ + ":", e)
     *
     * async def main():
     *     loop = asyncio.get_running_loop()
     *     f = loop.create_future()
     *     show("pending result()", f.result)
     *     show("pending exception()", f.exception)
     *     f.set_result(1)
     *     show("done set_result()", lambda: f.set_result(2))
     *     show("done set_exception()", lambda: f.set_exception(ValueError("x")))
     *     g = loop.create_future(); g.set_exception(ValueError("x"))
     *     show("failed set_result()", lambda: g.set_result(2))
     *     g.exception()
     *     c = loop.create_future(); c.cancel("m")
     *     show("cancelled set_result()", lambda: c.set_result(2))
     *     show("cancelled result()", c.result)
     *     show("cancelled exception()", c.exception)
     *     t = asyncio.create_task(asyncio.sleep(0))
     *     show("task set_result()", lambda: t.set_result(1))
     *     show("task set_exception()", lambda: t.set_exception(ValueError()))
     *     show("task pending result()", t.result)
     *     show("task pending exception()", t.exception)
     *     await t
     * }</pre>
     */
    @Test
    void invalidStateErrorsSayWhatCPythonsCFuturesSay() {
        List<String> out = run(() -> {
            List<String> lines = new ArrayList<>();
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Object> f = loop.createFuture();
            show(lines, "pending result()", f::result);
            show(lines, "pending exception()", f::exception);
            f.setResult(1);
            show(lines, "done set_result()", () -> { f.setResult(2); return null; });
            show(lines, "done set_exception()", () -> { f.setException(new ValueError("x")); return null; });
            Future<Object> g = loop.createFuture();
            g.setException(new ValueError("x"));
            show(lines, "failed set_result()", () -> { g.setResult(2); return null; });
            g.exception();
            Future<Object> c = loop.createFuture();
            c.cancel("m");
            show(lines, "cancelled set_result()", () -> { c.setResult(2); return null; });
            show(lines, "cancelled result()", c::result);
            show(lines, "cancelled exception()", c::exception);
            Task<Void> t = Asyncio.createTask(Asyncio.sleep(0));
            show(lines, "task set_result()", () -> { t.setResult(null); return null; });
            show(lines, "task set_exception()", () -> { t.setException(new ValueError(null)); return null; });
            show(lines, "task pending result()", t::result);
            show(lines, "task pending exception()", t::exception);
            t.await();
            return lines;
        });
        assertThat(out).containsExactly(
                "pending result() -> InvalidStateError: Result is not set.",
                "pending exception() -> InvalidStateError: Exception is not set.",
                "done set_result() -> InvalidStateError: invalid state",
                "done set_exception() -> InvalidStateError: invalid state",
                "failed set_result() -> InvalidStateError: invalid state",
                "cancelled set_result() -> InvalidStateError: invalid state",
                "cancelled result() -> CancelledError: m",
                "cancelled exception() -> CancelledError: m",
                "task set_result() -> RuntimeError: Task does not support set_result operation",
                "task set_exception() -> RuntimeError: Task does not support set_exception operation",
                "task pending result() -> InvalidStateError: Result is not set.",
                "task pending exception() -> InvalidStateError: Exception is not set.");
    }

    /* repr() of a float result is Python's: 1e+16, 0.1, inf. */
    @Test
    void floatResultsPrintAsPythonFloats() {
        List<String> out = run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> lines = new ArrayList<>();
            for (double d : new double[] {1e16, 0.1, 1.0, Double.POSITIVE_INFINITY, 1.5e-5}) {
                Future<Double> f = loop.createFuture();
                f.setResult(d);
                lines.add(f.toString());
            }
            return lines;
        });
        // CPython: for d in (1e16, 0.1, 1.0, float('inf'), 1.5e-5): f = loop.create_future(); f.set_result(d); print(f)
        assertThat(out).containsExactly("<Future finished result=1e+16>", "<Future finished result=0.1>",
                "<Future finished result=1.0>", "<Future finished result=inf>", "<Future finished result=1.5e-05>");
    }
}
