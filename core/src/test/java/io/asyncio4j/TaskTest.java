package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;

import io.asyncio4j.VirtualTime.ValueError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Task scheduling order, names, reprs and results; ordering checked against CPython's output. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskTest {


    /*
     * Iterations counted by a call_soon chain (tick re-schedules itself):
     * loop.call_soon(tick); await asyncio.sleep(0); log(f"start {it}")
     * t = create_task(child())  # child logs f"child first step {it}"
     * log(f"created {it}"); await t; log(f"after await child {it}")
     * fut = loop.create_future(); loop.call_soon(fut.set_result, 1); log(f"before await fut {it}")
     * await fut; log(f"after await fut {it}")
     * fut2 (done); await fut2; log(f"after done fut {it}"); await c(); log(f"after coro {it}")
     * await sleep(0); log(f"after sleep0 {it}"); await sleep(0); await sleep(0); log(f"after 2x sleep0 {it}")
     * fut3 = create_future(); loop.call_soon(lambda: loop.call_soon(later)); log(f"before fut3 {it}")
     * await fut3; log(f"after fut3 {it}")
     */
    @Test
    void iterationCountsMatchCPython() {
        List<String> log = new ArrayList<>();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            int[] it = {0};
            boolean[] running = {true};
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                it[0]++;
                if (running[0]) {
                    loop.callSoon(tick[0]);
                }
            };
            loop.callSoon(tick[0]);
            Asyncio.sleep(0).await();
            log.add("start " + it[0]);
            Task<Object> t = Asyncio.createTask(() -> {
                log.add("child first step " + it[0]);
                return null;
            });
            log.add("created " + it[0]);
            t.await();
            log.add("after await child " + it[0]);
            Future<Integer> fut = loop.createFuture();
            loop.callSoon(() -> fut.setResult(1));
            log.add("before await fut " + it[0]);
            fut.await();
            log.add("after await fut " + it[0]);
            Future<Integer> fut2 = loop.createFuture();
            fut2.setResult(2);
            fut2.await();
            log.add("after done fut " + it[0]);
            Coro<Integer> c = () -> 3;
            c.await();
            log.add("after coro " + it[0]);
            Asyncio.sleep(0).await();
            log.add("after sleep0 " + it[0]);
            Asyncio.sleep(0).await();
            Asyncio.sleep(0).await();
            log.add("after 2x sleep0 " + it[0]);
            Future<Integer> fut3 = loop.createFuture();
            loop.callSoon(() -> loop.callSoon(() -> fut3.setResult(3)));
            log.add("before fut3 " + it[0]);
            fut3.await();
            log.add("after fut3 " + it[0]);
            running[0] = false;
            return null;
        });
        assertThat(log).containsExactly("start 1", "created 1", "child first step 2", "after await child 3",
                "before await fut 3", "after await fut 5", "after done fut 5", "after coro 5", "after sleep0 6",
                "after 2x sleep0 8", "before fut3 8", "after fut3 11");
    }

    /*
     * create_task(other())   # logs "other ran"
     * f done: log(f"done fut {await f}"); log(f"coro {await c()}"); log("before sleep0"); await sleep(0); log("after sleep0")
     */
    @Test
    void awaitingADoneFutureOrACoroDoesNotYield() {
        List<String> log = new ArrayList<>();
        run(() -> {
            Asyncio.createTask(() -> log.add("other ran"));
            Future<Integer> f = Asyncio.getRunningLoop().createFuture();
            f.setResult(1);
            log.add("done fut " + f.await());
            Coro<Integer> c = () -> 2;
            log.add("coro " + c.await());
            log.add("before sleep0");
            Asyncio.sleep(0).await();
            log.add("after sleep0");
            return null;
        });
        assertThat(log).containsExactly("done fut 1", "coro 2", "before sleep0", "other ran", "after sleep0");
    }

    @Test
    void coroAwaitRunsInTheCurrentTask() {
        run(() -> {
            Task<?> me = Asyncio.currentTask();
            Coro<Task<?>> c = Asyncio::currentTask;
            assertThat(c.await()).isSameAs(me);
            assertThat(Asyncio.await(c)).isSameAs(me);
            return null;
        });
    }

    @Test
    void theExceptionABodyThrowsIsTheObjectAwaitThrows() {
        IOException checked = new IOException("checked");
        ValueError unchecked = new ValueError("unchecked");
        run(() -> {
            Task<Object> t1 = Asyncio.createTask(() -> {
                Asyncio.sleep(0).await();
                throw checked;
            });
            Throwable caught = null;
            try {
                t1.await();
            } catch (Exception e) {
                caught = e;
            }
            assertThat(caught).isSameAs(checked);
            assertThat(t1.exception()).isSameAs(checked);
            assertThatThrownBy(t1::result).isSameAs(checked);
            Task<Object> t2 = Asyncio.createTask(() -> {
                throw unchecked;
            });
            assertThatThrownBy(t2::await).isSameAs(unchecked);
            Coro<Object> inline = () -> {
                throw checked;
            };
            assertThatThrownBy(inline::await).isSameAs(checked);
            return null;
        });
        Coro<Object> failing = () -> {
            Asyncio.sleep(0).await();
            throw checked;
        };
        assertThatThrownBy(() -> run(failing)).isSameAs(checked);
    }

    @Test
    void resultAndDoneCallbacks() {
        List<String> log = new ArrayList<>();
        run(() -> {
            Task<String> t = Asyncio.createTask(() -> {
                Asyncio.sleep(1).await();
                return "r";
            });
            t.addDoneCallback(f -> log.add("done " + f.result()));
            assertThat(t.done()).isFalse();
            assertThat(t.await()).isEqualTo("r");
            assertThat(t.done()).isTrue();
            assertThat(t.result()).isEqualTo("r");
            assertThat(t.exception()).isNull();
            assertThat(t.getLoop()).isSameAs(Asyncio.getRunningLoop());
            Asyncio.sleep(0).await();
            return null;
        });
        assertThat(log).containsExactly("done r");
    }

    @Test
    void setResultAndSetExceptionAreNotSupported() {
        run(() -> {
            Task<String> t = Asyncio.createTask(() -> "x");
            assertThatThrownBy(() -> t.setResult("y")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> t.setException(new ValueError("y"))).isInstanceOf(IllegalStateException.class);
            assertThat(t.await()).isEqualTo("x");
            return null;
        });
    }

    @Test
    void namesAndReprs() {
        run(() -> {
            Task<String> x = Asyncio.createTask(() -> {
                Asyncio.sleep(1).await();
                return "r";
            }, "x");
            assertThat(x.getName()).isEqualTo("x");
            assertThat(x.toString()).isEqualTo("<Task pending name='x'>");
            x.await();
            assertThat(x.toString()).isEqualTo("<Task finished name='x' result='r'>");
            x.setName("y");
            assertThat(x.getName()).isEqualTo("y");
            assertThat(x.toString()).isEqualTo("<Task finished name='y' result='r'>");

            Task<Object> c = Asyncio.createTask(() -> Asyncio.sleep(1).await(), "c");
            Asyncio.sleep(0).await();
            c.cancel();
            assertThat(c.toString()).isEqualTo("<Task cancelling name='c'>");
            try {
                c.await();
            } catch (CancelledError e) {
                // expected
            }
            assertThat(c.toString()).isEqualTo("<Task cancelled name='c'>");

            Task<Object> e = Asyncio.createTask(() -> {
                throw new ValueError("boom");
            }, "e");
            try {
                e.await();
            } catch (ValueError ex) {
                // expected
            }
            assertThat(e.toString()).isEqualTo("<Task finished name='e' exception=ValueError('boom')>");

            Task<Object> a = Asyncio.createTask(() -> null);
            Task<Object> b = Asyncio.createTask(() -> null);
            assertThat(a.getName()).matches("Task-\\d+");
            assertThat(b.getName()).matches("Task-\\d+");
            long na = Long.parseLong(a.getName().substring(5));
            long nb = Long.parseLong(b.getName().substring(5));
            assertThat(nb).isGreaterThan(na);
            assertThat(a.toString()).isEqualTo("<Task pending name='" + a.getName() + "'>");
            assertThat(Asyncio.getRunningLoop().createFuture().toString()).isEqualTo("<Future pending>");
            Task<Object> n = Asyncio.createTask(() -> null, null);
            assertThat(n.getName()).matches("Task-\\d+");
            assertThat(Long.parseLong(n.getName().substring(5))).isGreaterThan(nb);
            return null;
        });
    }

    @Test
    void getCoroIsTheBody() {
        run(() -> {
            Coro<String> body = () -> "b";
            Task<String> t = Asyncio.createTask(body);
            assertThat(t.getCoro()).isSameAs(body);
            assertThat(t.await()).isEqualTo("b");
            return null;
        });
    }

    @Test
    void taskAwaitingItselfFails() {
        run(() -> {
            Task<?>[] self = new Task<?>[1];
            Task<Object> t = Asyncio.createTask(() -> self[0].await());
            self[0] = t;
            assertThatThrownBy(t::await).isInstanceOf(IllegalStateException.class);
            return null;
        });
    }
}
