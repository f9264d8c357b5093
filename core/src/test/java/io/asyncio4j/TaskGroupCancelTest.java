package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;
import static io.asyncio4j.VirtualTime.runLogged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.VirtualTime.Log;
import io.asyncio4j.VirtualTime.ValueError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskGroup#cancel()}, CPython 3.15's {@code TaskGroup.cancel()}, checked against CPython's main-branch
 * {@code Lib/asyncio/taskgroups.py} and the tests of {@code test_taskgroups.py} named on each case.
 */
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupCancelTest {
    static Coro<String> worker(Log log, String n, double d) {
        return () -> {
            try {
                Asyncio.sleep(d).await();
                log.add(n + " done " + log.now());
                return n;
            } catch (CancelledError e) {
                log.add(n + " cancelled " + log.now());
                throw e;
            }
        };
    }

    /*
     * No CPython on the machine has cancel() (3.15); the twin ran on 3.13.0 with TG, a subclass of
     * asyncio.TaskGroup that adds main's cancel() verbatim and an __aexit__ that returns True after super()'s
     * (main's _aexit ends with 'return True': what was not raised above is suppressed). worker(n, d) sleeps d and
     * prints "n done", or "n cancelled" and re-raises; stopper(tg) sleeps 0.2, prints and calls tg.cancel().
     *
     * async with TG() as tg:
     *     a = tg.create_task(worker('a', 0.1)); b = tg.create_task(worker('b', 1)); tg.create_task(stopper(tg))
     *     try: await asyncio.sleep(10)
     *     except asyncio.CancelledError: print(f"body cancelled {now()}"); raise
     * print(f"group exited {now()} a={a.result()} b.cancelled={b.cancelled()} cancelling={me.cancelling()}")
     * async with TG() as tg:
     *     tg.cancel()
     *     try: tg.create_task(worker('c', 1))
     *     except RuntimeError as e: print("RuntimeError", e)
     * await asyncio.sleep(0.1)
     * print(f"still running {now()} cancelling={me.cancelling()}")
     * async with TG() as tg:
     *     t = tg.create_task(worker('d', 0.5))
     * tg.cancel(); tg.cancel()
     * print(f"after exit {now()} {t.result()}")
     * try:
     *     async with TG() as tg:
     *         tg.create_task(boom())     # try: await asyncio.sleep(1) finally: raise ValueError("boom")
     *         await asyncio.sleep(0.1); tg.cancel()
     * except ExceptionGroup as eg: print(f"ExceptionGroup {[repr(e) for e in eg.exceptions]} {now()}")
     *
     * The second group is test_taskgroup_cancel_before_create_task (the body's own cancel, taken back before it
     * suspends, leaves nothing behind: 3.13's uncancel, which the group applies to its own cancel).
     */
    @Test
    void cancelEndsTheGroupWithoutAnErrorAsCPythonMain() {
        List<String> out = runLogged(log -> {
            Task<?> me = Asyncio.currentTask();
            List<Task<String>> ab = TaskGroup.run(tg -> {
                Task<String> a = tg.createTask(worker(log, "a", 0.1));
                Task<String> b = tg.createTask(worker(log, "b", 1));
                tg.createTask(() -> {
                    Asyncio.sleep(0.2).await();
                    log.add("stopper cancels " + log.now());
                    tg.cancel();
                    return null;
                });
                try {
                    Asyncio.sleep(10).await();
                } catch (CancelledError e) {
                    log.add("body cancelled " + log.now());
                    throw e;
                }
                return List.of(a, b);
            }).await();
            assertThat(ab).isNull(); // the body was ended by the cancel: no result
            log.add("group exited " + log.now() + " cancelling=" + me.cancelling());
            TaskGroup.run(tg -> {
                tg.cancel();
                try {
                    Task<String> c = tg.createTask(worker(log, "c", 1));
                    log.add("created " + c);
                } catch (IllegalStateException e) {
                    log.add("RuntimeError " + e.getMessage());
                }
                return null;
            }).await();
            Asyncio.sleep(0.1).await();
            log.add("still running " + log.now() + " cancelling=" + me.cancelling());
            TaskGroup[] kept = new TaskGroup[1];
            Task<String> d = TaskGroup.run(tg -> {
                kept[0] = tg;
                return tg.createTask(worker(log, "d", 0.5));
            }).await();
            kept[0].cancel();
            kept[0].cancel();
            log.add("after exit " + log.now() + " " + d.result());
            try {
                TaskGroup.run(tg -> {
                    tg.createTask(() -> {
                        try {
                            Asyncio.sleep(1).await();
                        } finally {
                            throw new ValueError("boom");
                        }
                    });
                    Asyncio.sleep(0.1).await();
                    tg.cancel();
                    return null;
                }).await();
            } catch (ExceptionGroup eg) {
                log.add("ExceptionGroup " + eg.exceptions().stream().map(Py::repr).toList() + " " + log.now());
            }
        });
        assertThat(out).containsExactly(
                "a done 0.1",
                "stopper cancels 0.2",
                "b cancelled 0.2",
                "body cancelled 0.2",
                "group exited 0.2 cancelling=0",
                "RuntimeError TaskGroup <TaskGroup cancelling> is shutting down",
                "still running 0.3 cancelling=0",
                "d done 0.8",
                "after exit 0.8 d",
                "ExceptionGroup [ValueError('boom')] 0.9");
    }

    @Test
    void theBodysResultIsKeptWhenTheCancelComesWhileTheGroupWaitsForItsTasks() {
        List<String> out = runLogged(log -> {
            String r = TaskGroup.run(tg -> {
                tg.createTask(worker(log, "slow", 5));
                tg.createTask(() -> {
                    Asyncio.sleep(1).await();
                    tg.cancel();
                    return null;
                });
                return "body result";
            }).await();
            log.add(r + " " + log.now() + " cancelling=" + Asyncio.currentTask().cancelling());
        });
        assertThat(out).containsExactly("slow cancelled 1.0", "body result 1.0 cancelling=0");
    }

    /*
     * test_taskgroup_cancel_keeps_outer_cancellation (gh-155433): a cancel from outside that arrives while a group
     * ended by cancel() waits for a child's clean-up is thrown, with its message, once the child has finished.
     *
     * async def child():
     *     try: await asyncio.sleep(10)
     *     finally: await asyncio.sleep(0.1)
     * async def body():
     *     async with asyncio.TaskGroup() as tg:
     *         tg.create_task(child()); await asyncio.sleep(0); tg.cancel()
     * task = asyncio.create_task(body()); await asyncio.sleep(0.01); task.cancel('message')
     * with self.assertRaises(asyncio.CancelledError) as cm: await task
     * self.assertEqual('message', cm.exception.args[0])
     */
    @Test
    void anOutsideCancelArrivingWhileACancelledGroupWaitsIsNotLost() {
        List<String> out = runLogged(log -> {
            Task<Object> task = Asyncio.createTask(() -> TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    try {
                        Asyncio.sleep(10).await();
                    } finally {
                        Asyncio.sleep(0.1).await();
                        log.add("child clean-up done " + log.now());
                    }
                    return null;
                });
                Asyncio.sleep(0).await();
                tg.cancel();
                return null;
            }).await());
            Asyncio.sleep(0.01).await();
            task.cancel("message");
            try {
                task.await();
                log.add("not cancelled");
            } catch (CancelledError e) {
                log.add("CancelledError " + Py.args(e) + " " + log.now());
            }
        });
        assertThat(out).containsExactly("child clean-up done 0.1", "CancelledError ('message',) 0.1");
    }

    @Test
    void aCancelOfTheAwaitingTaskFromOutsideStillPropagatesAfterTheGroupsOwn() {
        assertThatThrownBy(() -> run(() -> {
            Task<Object> task = Asyncio.createTask(() -> TaskGroup.run(tg -> {
                tg.createTask(Asyncio.sleep(10));
                tg.cancel();
                Asyncio.currentTask().cancel("outside");
                Asyncio.sleep(1).await();
                return null;
            }).await());
            return task.await();
        })).isInstanceOf(CancelledError.class).hasMessage("outside");
    }

    @Test
    void cancelFromACallbackOnTheLoopEndsTheGroup() {
        List<String> out = runLogged(log -> {
            List<String> seen = new ArrayList<>();
            TaskGroup.run(tg -> {
                tg.createTask(worker(log, "x", 3));
                Asyncio.getRunningLoop().callLater(0.5, tg::cancel);
                Asyncio.sleep(2).await();
                seen.add("not reached");
                return null;
            }).await();
            log.add("ended " + log.now() + " " + seen);
        });
        assertThat(out).containsExactly("x cancelled 0.5", "ended 0.5 []");
    }

    @Test
    void cancelOffTheLoopThreadIsRefused() {
        String msg = run(() -> TaskGroup.run(tg -> {
            tg.createTask(Asyncio.sleep(0.1));
            return Asyncio.toThread(() -> {
                try {
                    tg.cancel();
                    return "accepted";
                } catch (IllegalStateException e) {
                    return e.getMessage();
                }
            }).await();
        }).await());
        assertThat(msg).startsWith("Non-thread-safe operation");
    }
}
