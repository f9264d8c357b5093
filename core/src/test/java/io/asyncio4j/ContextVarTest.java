package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Context variables (PEP 567) on their own and as asyncio carries them; the messages and the scenario of the first
 * test are CPython 3.12's ({@code core/src/test/python/context_twin.py}, and {@code Lib/test/test_context.py}).
 */
@org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class ContextVarTest {
    private static final ContextVar<String> RID = new ContextVar<>("rid", "-");

    private static void log(List<String> out, String msg) {
        out.add("[" + RID.get() + "] " + msg);
    }

    private static Coro<String> sub(List<String> out, int n) {
        return () -> {
            log(out, "sub " + n);
            RID.set("sub-" + n);
            Asyncio.sleep(0).await();
            return RID.get();
        };
    }

    private static Coro<Void> handle(List<String> out, int n, double delay) {
        return () -> {
            RID.set("req-" + n);
            log(out, "start");
            Asyncio.sleep(delay).await();
            Task<String> child = Asyncio.createTask(sub(out, n));
            child.await();
            log(out, "end, child saw " + child.result());
            return null;
        };
    }

    @Test
    void aRequestIdFollowsTasksAndCallbacksAsInCPython() {
        List<String> out = new CopyOnWriteArrayList<>();
        VirtualTime.run(() -> {
            log(out, "main");
            Asyncio.gather(handle(out, 1, 0.02), handle(out, 2, 0.01)).await();
            log(out, "after gather");
            EventLoop loop = Asyncio.getRunningLoop();
            RID.set("m1");
            Future<Void> fut = loop.createFuture();
            loop.callSoon(() -> log(out, "call_soon"));
            RID.set("m2");
            loop.callLater(0.01, () -> {
                log(out, "call_later");
                RID.set("lost");
            });
            fut.addDoneCallback(f -> log(out, "done callback"));
            RID.set("m3");
            loop.callAt(loop.time() + 0.005, () -> log(out, "call_at"));
            fut.setResult(null);
            Asyncio.sleep(0.02).await();
            log(out, "after callbacks");
            Context ctx = Context.copyContext();
            loop.callSoon(() -> RID.set("kept"), ctx);
            Asyncio.sleep(0).await();
            log(out, "ctx has " + ctx.get(RID));
            Task<String> t = Asyncio.createTask(sub(out, 9), null, ctx);
            t.await();
            log(out, "ctx after task " + ctx.get(RID) + ", len " + ctx.size());
            RID.set("m4");
            log(out, "to_thread sees " + Asyncio.toThread(RID::get).await());
            log(out, "run_in_executor sees " + loop.runInExecutor(null, RID::get).await());
            return null;
        });
        assertThat(out).containsExactly(
                "[-] main",
                "[req-1] start",
                "[req-2] start",
                "[req-2] sub 2",
                "[req-2] end, child saw sub-2",
                "[req-1] sub 1",
                "[req-1] end, child saw sub-1",
                "[-] after gather",
                "[m1] call_soon",
                "[m2] done callback",
                "[m3] call_at",
                "[m2] call_later",
                "[m3] after callbacks",
                "[m3] ctx has kept",
                "[kept] sub 9",
                "[m3] ctx after task sub-9, len 1",
                "[m4] to_thread sees m4",
                "[m4] run_in_executor sees -");
    }

    @Test
    void getWithoutValueOrDefaultThrowsLookupErrorNamingTheVariable() {
        ContextVar<Integer> v = new ContextVar<>("v");
        Context.copyContext().run(() -> {
            assertThatThrownBy(v::get).isInstanceOf(LookupError.class)
                    .hasMessageStartingWith("<ContextVar name='v' at 0x");
            assertThat(v.get(7)).isEqualTo(7);
            assertThat(RID.get()).isEqualTo("-");
            assertThat(RID.get("fb")).as("get(default) ignores the variable's default, as CPython").isEqualTo("fb");
            assertThat(v.name()).isEqualTo("v");
            assertThat(RID.toString()).startsWith("<ContextVar name='rid' default='-' at 0x");
            return null;
        });
    }

    @Test
    void setReturnsATokenThatResetUsesOnce() {
        ContextVar<Integer> v = new ContextVar<>("v");
        Context ctx = Context.copyContext();
        ctx.run(() -> {
            ContextVar.Token<Integer> t1 = v.set(1);
            assertThat(t1.var()).isSameAs(v);
            assertThat(t1.hadValue()).isFalse();
            assertThat(t1.oldValue()).isNull();
            ContextVar.Token<Integer> t2 = v.set(2);
            assertThat(t2.hadValue()).isTrue();
            assertThat(t2.oldValue()).isEqualTo(1);
            v.reset(t2);
            assertThat(v.get()).isEqualTo(1);
            assertThatThrownBy(() -> v.reset(t2)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("<Token used var=<ContextVar name='v'")
                    .hasMessageEndingWith("has already been used once");
            v.reset(t1);
            assertThat(Context.copyContext().containsKey(v)).as("reset to 'no value' removes it").isFalse();
            assertThatThrownBy(v::get).isInstanceOf(LookupError.class);
            ContextVar.Token<Integer> t3 = v.set(3);
            ContextVar<Integer> w = new ContextVar<>("w");
            ContextVar.Token<Integer> tw = w.set(4);
            @SuppressWarnings({"unchecked", "rawtypes"})
            ContextVar.Token<Integer> foreign = (ContextVar.Token) tw;
            assertThatThrownBy(() -> v.reset(foreign)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("was created by a different ContextVar");
            assertThatThrownBy(() -> Context.copyContext().run(() -> {
                v.reset(t3);
                return null;
            })).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("was created in a different Context");
            assertThat(v.get()).as("a refused reset changes nothing").isEqualTo(3);
            return null;
        });
        assertThat(ctx.get(v)).isEqualTo(3);
        assertThat(ctx.containsKey(v)).isTrue();
        assertThat(ctx.size()).isEqualTo(2);
    }

    @Test
    void runKeepsItsChangesInItsContextAndRefusesToEnterTwice() {
        ContextVar<String> v = new ContextVar<>("v");
        Context outer = Context.copyContext();
        Context ctx = outer.run(() -> {
            v.set("a");
            return Context.copyContext();
        });
        assertThat(ctx.get(v)).isEqualTo("a");
        String seen = ctx.run(() -> {
            v.set("b");
            assertThatThrownBy(() -> ctx.run(() -> null)).isInstanceOf(IllegalStateException.class)
                    .hasMessageMatching("cannot enter context: <Context size=1 at 0x[0-9a-f]+> is already entered");
            return v.get();
        });
        assertThat(seen).isEqualTo("b");
        assertThat(ctx.get(v)).isEqualTo("b");
        assertThat(outer.get(v)).as("a copy does not see later changes").isEqualTo("a");
        assertThat(v.get("none")).as("the thread's own context is current again").isEqualTo("none");
        assertThatThrownBy(() -> ctx.run(() -> {
            throw new java.io.IOException("checked");
        })).isInstanceOf(java.io.IOException.class).hasMessage("checked");
        assertThat(ctx.run(() -> "entered again after an exception")).startsWith("entered");
    }

    @Test
    void aTasksSetIsInvisibleToItsCreatorAndSiblingsAcrossAwaits() {
        ContextVar<Integer> v = new ContextVar<>("v", 0);
        List<String> out = VirtualTime.run(() -> {
            List<String> lines = new ArrayList<>();
            v.set(1);
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                tasks.add(Asyncio.createTask(() -> {
                    lines.add("task " + n + " starts with " + v.get());
                    v.set(10 + n);
                    Asyncio.sleep(0.01 * (3 - n)).await();
                    lines.add("task " + n + " still has " + v.get());
                    return null;
                }));
            }
            v.set(2);
            Asyncio.gather(tasks.toArray(new Task[0])).await();
            lines.add("main has " + v.get());
            return lines;
        });
        assertThat(out).containsExactly("task 0 starts with 1", "task 1 starts with 1", "task 2 starts with 1",
                "task 2 still has 12", "task 1 still has 11", "task 0 still has 10", "main has 2");
    }

    @Test
    void aTaskGivenAContextUsesItItselfAndCannotEnterItAgain() {
        ContextVar<String> v = new ContextVar<>("v");
        AtomicReference<Throwable> refused = new AtomicReference<>();
        Context ctx = Context.copyContext();
        VirtualTime.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Task<Void> t = loop.createTask(() -> {
                v.set("in task");
                try {
                    ctx.run(() -> null);
                } catch (IllegalStateException e) {
                    refused.set(e);
                }
                Asyncio.sleep(1).await();
                return null;
            }, "given", ctx);
            Asyncio.sleep(0.5).await();
            assertThat(ctx.get(v)).as("visible at once: the task uses ctx itself").isEqualTo("in task");
            assertThat(ctx.run(() -> v.get()))
                    .as("a suspended task's context may be entered elsewhere, as in CPython").isEqualTo("in task");
            t.await();
            return null;
        });
        assertThat(refused.get()).hasMessageContaining("is already entered");
    }

    @Test
    void contextRunInsideATaskMaySuspendAndOnlyThatTaskSeesIt() {
        ContextVar<String> v = new ContextVar<>("v", "task");
        List<String> out = VirtualTime.run(() -> {
            List<String> lines = new ArrayList<>();
            Context other = Context.copyContext();
            other.run(() -> {
                v.set("other");
                return null;
            });
            Task<Void> t = Asyncio.createTask(() -> {
                lines.add("in run: " + other.run(() -> {
                    Asyncio.sleep(1).await();
                    return v.get();
                }));
                lines.add("after run: " + v.get());
                return null;
            });
            Asyncio.sleep(0.5).await();
            lines.add("main meanwhile: " + v.get());
            t.await();
            return lines;
        });
        assertThat(out).containsExactly("main meanwhile: task", "in run: other", "after run: task");
    }

    @Test
    void aCallbackGivenAnEnteredContextIsReportedAndDoesNotRun() {
        ContextVar<String> v = new ContextVar<>("v");
        List<Map<String, Object>> reports = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        VirtualTime.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.setExceptionHandler((l, c) -> reports.add(c));
            Context ctx = Context.copyContext();
            ctx.run(() -> {
                loop.callSoon(() -> ran.add("soon"), ctx);
                loop.callLater(0.1, () -> ran.add("later"), ctx);
                Asyncio.sleep(0.2).await(); // ctx stays entered by this task meanwhile
                return null;
            });
            loop.callAt(loop.time() + 0.1, () -> ran.add("at " + v.get()), ctx);
            ctx.run(() -> v.set("x"));
            Asyncio.sleep(0.2).await();
            return null;
        });
        assertThat(ran).containsExactly("at x");
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).get("exception")).isInstanceOf(IllegalStateException.class)
                .extracting(e -> ((Throwable) e).getMessage()).asString().contains("is already entered");
    }

    @Test
    void callSoonThreadsafeRunsInTheCallingThreadsContext() throws Exception {
        ContextVar<String> v = new ContextVar<>("v", "unset");
        List<String> out = new CopyOnWriteArrayList<>();
        VirtualTime.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Void> done = loop.createFuture();
            v.set("loop task");
            Thread th = new Thread(() -> {
                v.set("other thread");
                loop.callSoonThreadsafe(() -> {
                    out.add(v.get());
                    done.setResult(null);
                });
            });
            th.start();
            done.await();
            out.add(v.get());
            return null;
        });
        assertThat(out).containsExactly("other thread", "loop task");
    }

    @Test
    void toThreadCopiesTheCallersContextAndItsSetsStayThere() {
        ContextVar<String> v = new ContextVar<>("v", "unset");
        List<String> out = VirtualTime.run(() -> {
            List<String> lines = new ArrayList<>();
            v.set("caller");
            lines.add(Asyncio.toThread(() -> {
                String seen = v.get();
                v.set("thread");
                return seen + "/" + v.get();
            }).await());
            lines.add(v.get());
            lines.add(Asyncio.getRunningLoop().runInExecutor(null, () -> v.get()).await());
            return lines;
        });
        assertThat(out).containsExactly("caller/thread", "caller", "unset");
    }

    @Test
    void doneCallbacksRunInTheContextOfTheirAdditionAndCanBeRemoved() {
        ContextVar<String> v = new ContextVar<>("v", "unset");
        List<String> out = VirtualTime.run(() -> {
            List<String> lines = new ArrayList<>();
            Future<Integer> fut = Asyncio.getRunningLoop().createFuture();
            v.set("first");
            fut.addDoneCallback(f -> lines.add("1 " + v.get()));
            java.util.function.Consumer<Future<Integer>> removed = f -> lines.add("removed");
            fut.addDoneCallback(removed);
            v.set("second");
            fut.addDoneCallback(f -> lines.add("2 " + v.get()));
            assertThat(fut.removeDoneCallback(removed)).isEqualTo(1);
            v.set("third");
            fut.setResult(1);
            fut.addDoneCallback(f -> lines.add("3 " + v.get()));
            Asyncio.sleep(0).await();
            return lines;
        });
        assertThat(out).containsExactly("1 first", "2 second", "3 third");
    }

    @Test
    void readerCallbacksKeepTheContextOfAddReaderForEveryRun() throws Exception {
        ContextVar<Integer> v = new ContextVar<>("v", 0);
        List<Integer> seen = new ArrayList<>();
        VirtualTime.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
            Future<Void> done = loop.createFuture();
            v.set(5);
            loop.addReader(pipe.source(), () -> {
                try {
                    pipe.source().read(java.nio.ByteBuffer.allocate(16));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                seen.add(v.get());
                v.set(v.get() + 1); // kept in the handle's context for the next run, as CPython's
                if (seen.size() == 2) {
                    loop.removeReader(pipe.source());
                    done.setResult(null);
                }
            });
            v.set(100);
            pipe.sink().write(java.nio.ByteBuffer.wrap(new byte[] {1}));
            Asyncio.sleep(0.01).await();
            pipe.sink().write(java.nio.ByteBuffer.wrap(new byte[] {2}));
            done.await();
            pipe.sink().close();
            pipe.source().close();
            return null;
        });
        assertThat(seen).containsExactly(5, 6);
    }

    @Test
    void aRunnersMainTasksShareTheRunnersContextAndTheCallerKeepsItsOwn() {
        ContextVar<String> v = new ContextVar<>("v", "-");
        Context.copyContext().run(() -> {
            v.set("outer-before");
            try (Runner r = new Runner().virtualTime(true)) {
                r.run(() -> v.set("a"));
                assertThat(r.run(() -> v.get())).isEqualTo("a");
                assertThat(v.get()).isEqualTo("outer-before");
            }
            assertThat(Asyncio.run(() -> {
                v.set("b");
                return v.get();
            })).isEqualTo("b");
            assertThat(v.get()).isEqualTo("outer-before");
            return null;
        });
    }

    @Test
    void theMapStaysRightWithManyVariablesSetAndResetInAnyOrder() {
        List<ContextVar<Integer>> vars = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            vars.add(new ContextVar<>("v" + i));
        }
        Context ctx = Context.copyContext();
        ctx.run(() -> {
            List<ContextVar.Token<Integer>> tokens = new ArrayList<>();
            for (int i = 0; i < vars.size(); i++) {
                tokens.add(vars.get(i).set(i));
            }
            assertThat(ctx.size()).isEqualTo(40);
            vars.get(7).set(700);
            java.util.Random random = new java.util.Random(1);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < vars.size(); i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, random);
            int left = vars.size();
            for (int i : order) {
                if (i == 7) {
                    continue; // its token's old value is "none": reset removes it below
                }
                vars.get(i).reset(tokens.get(i));
                left--;
                assertThat(ctx.size()).isEqualTo(left);
                assertThat(ctx.containsKey(vars.get(i))).isFalse();
                assertThat(vars.get(7).get()).isEqualTo(700);
            }
            vars.get(7).reset(tokens.get(7));
            assertThat(ctx.size()).isZero();
            return null;
        });
    }

    @Test
    void aTaskCancelledInsideContextRunLeavesTheContextAndGetsItsOwnBack() {
        ContextVar<String> v = new ContextVar<>("v", "task");
        Context other = Context.copyContext();
        other.run(() -> v.set("other"));
        List<String> out = VirtualTime.run(() -> {
            List<String> lines = new ArrayList<>();
            Task<Void> t = Asyncio.createTask(() -> {
                try {
                    other.run(() -> Asyncio.sleep(10).await());
                } catch (CancelledError e) {
                    lines.add("cancelled, back in " + v.get());
                    throw e;
                }
                return null;
            });
            Asyncio.sleep(1).await();
            t.cancel();
            try {
                t.await();
            } catch (CancelledError e) {
                lines.add("task cancelled");
            }
            lines.add("other enterable again: " + other.run(() -> v.get()));
            return lines;
        });
        assertThat(out).containsExactly("cancelled, back in task", "task cancelled", "other enterable again: other");
    }

    @Test
    void insideAnotherContextsRunATaskCannotEnterItsOwnContextAgain() {
        ContextVar<String> v = new ContextVar<>("v", "-");
        Context base = Context.copyContext();
        Context other = Context.copyContext();
        List<String> out = VirtualTime.run(() -> Asyncio.createTask(() -> {
            List<String> lines = new ArrayList<>();
            v.set("base");
            other.run(() -> {
                v.set("other");
                lines.add("copy in run: " + Context.copyContext().get(v));
                try {
                    base.run(() -> null);
                    lines.add("entered base");
                } catch (IllegalStateException e) {
                    lines.add("base refused");
                }
                return null;
            });
            lines.add("after: " + v.get() + ", other has " + other.get(v));
            return lines;
        }, null, base).await());
        assertThat(out).containsExactly("copy in run: other", "base refused", "after: base, other has other");
        assertThat(base.run(() -> v.get())).as("base is free again once the task is done").isEqualTo("base");
    }
}
