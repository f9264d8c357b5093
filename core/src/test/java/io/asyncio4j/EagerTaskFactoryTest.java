package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Task factories and eager tasks, ported from CPython 3.12's {@code Lib/test/test_asyncio/test_eager_task_factory.py}
 * ({@code EagerTaskFactoryLoopTests} and {@code BaseEagerTaskFactoryTests}) where they apply; run on both carriers.
 */
@org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class EagerTaskFactoryTest {
    /** Runs {@code main} on a virtual-time loop whose task factory is the eager one. */
    private static <T> T runEager(Coro<T> main) {
        return VirtualTime.run(() -> {
            Asyncio.getRunningLoop().setTaskFactory(Asyncio.eagerTaskFactory());
            return main.call();
        });
    }

    @Test
    void setAndGetTheFactory() {
        VirtualTime.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            assertThat(loop.getTaskFactory()).isNull();
            loop.setTaskFactory(Asyncio.eagerTaskFactory());
            assertThat(loop.getTaskFactory()).isSameAs(Asyncio.eagerTaskFactory());
            loop.setTaskFactory(null);
            assertThat(loop.getTaskFactory()).isNull();
            return null;
        });
    }

    @Test
    void aCustomFactoryMakesEveryTaskAndItsNameIsPassed() {
        List<String> made = new ArrayList<>();
        String r = VirtualTime.run(() -> {
            Asyncio.getRunningLoop().setTaskFactory(new TaskFactory() {
                @Override
                public <T> Task<T> create(EventLoop loop, Coro<T> coro, String name, Context context) {
                    made.add(String.valueOf(name));
                    return Asyncio.eagerTaskFactory().create(loop, coro, name, context);
                }
            });
            Task<String> t = Asyncio.createTask(() -> "x", "named");
            Object g = Asyncio.gather(() -> 1, () -> 2).await();
            return t.getName() + t.result() + g;
        });
        assertThat(r).isEqualTo("namedx[1, 2]");
        // The Runner's shutdown makes tasks of its own afterwards, through the factory too.
        assertThat(made.subList(0, 3)).containsExactly("named", "null", "null");
    }

    /** A factory that wraps plain tasks, as CPython's {@code lambda loop, coro, **kw: asyncio.Task(coro, loop=loop, **kw)}. */
    @Test
    void aCustomFactoryMakesPlainTasksWithThePublicConstructor() {
        List<String> out = new ArrayList<>();
        ContextVar<String> rid = new ContextVar<>("rid");
        String r = VirtualTime.run(() -> {
            Asyncio.getRunningLoop().setTaskFactory(new TaskFactory() {
                @Override
                public <T> Task<T> create(EventLoop loop, Coro<T> coro, String name, Context context) {
                    Task<T> t = new Task<>(loop, coro, name, context);
                    t.addDoneCallback(f -> out.add("done " + ((Task<?>) f).getName()));
                    return t;
                }
            });
            rid.set("r-1");
            Task<String> t = Asyncio.createTask(() -> {
                out.add("body sees " + rid.get());
                return "x";
            }, "plain");
            out.add("created, done=" + t.done()); // plain: the body runs later
            return t.await();
        });
        assertThat(r).isEqualTo("x");
        assertThat(out.subList(0, 3)).containsExactly("created, done=false", "body sees r-1", "done plain");
    }

    @Test
    void thePublicConstructorRefusesClosedLoopsAndOtherThreads() throws Exception {
        Runner runner = new Runner().virtualTime(true);
        EventLoop loop = runner.getLoop();
        runner.run(() -> {
            Throwable[] err = new Throwable[1];
            Thread t = new Thread(() -> {
                try {
                    new Task<>(loop, () -> 1, null, null);
                } catch (Throwable e) {
                    err[0] = e;
                }
            });
            t.start();
            t.join();
            assertThat(err[0]).isInstanceOf(IllegalStateException.class).hasMessageContaining("use callSoonThreadsafe");
            return null;
        });
        runner.close();
        assertThatThrownBy(() -> new Task<>(loop, () -> 1, null, null))
                .isInstanceOf(IllegalStateException.class).hasMessage("Event loop is closed");
        assertThatThrownBy(() -> new Task<>(null, () -> 1, null, null)).isInstanceOf(NullPointerException.class);
    }

    /** test_eager_completion: done when createTask returns, the body ran inside the call. */
    @Test
    void eagerCompletionReturnsADoneTaskThatIsNeverScheduled() {
        List<String> order = runEager(() -> {
            List<String> out = new ArrayList<>();
            Asyncio.getRunningLoop().callSoon(() -> out.add("callback"));
            out.add("before");
            Task<String> t = Asyncio.createTask(() -> {
                out.add("body");
                return "hello";
            });
            out.add("after done=" + t.done() + " " + t.result());
            Asyncio.sleep(0).await();
            return out;
        });
        assertThat(order).containsExactly("before", "body", "after done=true hello", "callback");
    }

    /** test_eager_task_factory_... blocking_task: runs until it suspends, then is scheduled as any task. */
    @Test
    void eagerSuspensionThenNormalScheduling() {
        List<String> order = runEager(() -> {
            List<String> out = new ArrayList<>();
            Asyncio.getRunningLoop().callSoon(() -> out.add("callback"));
            Task<String> t = Asyncio.createTask(() -> {
                out.add("start");
                Asyncio.sleep(0).await();
                out.add("resumed");
                Asyncio.sleep(1).await();
                return "done";
            });
            out.add("after done=" + t.done());
            out.add(t.await());
            return out;
        });
        assertThat(order).containsExactly("start", "after done=false", "callback", "resumed", "done");
    }

    /** The creator resumes right after the eager step, before any callback that was already ready. */
    @Test
    void theCreatingTaskResumesBeforeAnyReadyCallback() {
        List<String> order = runEager(() -> {
            List<String> out = new ArrayList<>();
            EventLoop loop = Asyncio.getRunningLoop();
            loop.callSoon(() -> out.add("cb1"));
            Task<Void> t = Asyncio.createTask(() -> {
                out.add("child");
                loop.callSoon(() -> out.add("cb2"));
                return null;
            });
            out.add("creator");
            Asyncio.sleep(0).await();
            out.add("creator again " + t.done());
            return out;
        });
        assertThat(order).containsExactly("child", "creator", "cb1", "cb2", "creator again true");
    }

    @Test
    void currentTaskInsideIsTheNewTaskAndTheCreatorsAfter() {
        runEager(() -> {
            Task<?> me = Asyncio.currentTask();
            List<Task<?>> seen = new ArrayList<>();
            Task<Void> t = Asyncio.createTask(() -> {
                seen.add(Asyncio.currentTask());
                Asyncio.sleep(0).await();
                seen.add(Asyncio.currentTask());
                return null;
            });
            assertThat(seen).containsExactly(t);
            assertThat(Asyncio.currentTask()).isSameAs(me);
            t.await();
            assertThat(seen).containsExactly(t, t);
            assertThat(Asyncio.allTasks()).doesNotContain(t);
            return null;
        });
    }

    /** From a callback (no current task) the loop thread runs the first step itself. */
    @Test
    void fromACallbackTheBodyRunsInsideTheCall() {
        List<String> order = runEager(() -> {
            List<String> out = new ArrayList<>();
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Task<String>> made = loop.createFuture();
            loop.callSoon(() -> {
                Task<String> t = loop.createTask(() -> {
                    out.add("body current=" + (Asyncio.currentTask() != null));
                    Asyncio.sleep(0).await();
                    return "r";
                }, "cb-task");
                out.add("callback done=" + t.done());
                made.setResult(t);
            });
            out.add(made.await().await());
            return out;
        });
        assertThat(order).containsExactly("body current=true", "callback done=false", "r");
    }

    /** test_eager_task_factory_... raising: the error is the task's, createTask does not throw. */
    @Test
    void exceptionsRaisedEagerlyAreTheTasks() {
        runEager(() -> {
            Task<Void> t = Asyncio.createTask(() -> {
                throw new IllegalArgumentException("eager boom");
            });
            assertThat(t.done()).isTrue();
            assertThatThrownBy(t::result).isInstanceOf(IllegalArgumentException.class).hasMessage("eager boom");
            Task<Void> later = Asyncio.createTask(() -> {
                Asyncio.sleep(0).await();
                throw new IllegalStateException("later boom");
            });
            assertThat(later.done()).isFalse();
            assertThatThrownBy(later::await).isInstanceOf(IllegalStateException.class).hasMessage("later boom");
            return null;
        });
    }

    /** test_cancellation_after_eager_completion and test_cancellation_after_eager_step_blocks. */
    @Test
    void cancellationAfterEagerCompletionAndAfterTheEagerStepBlocks() {
        runEager(() -> {
            Task<String> done = Asyncio.createTask(() -> "r");
            assertThat(done.cancel()).isFalse();
            assertThat(done.result()).isEqualTo("r");
            List<String> out = new ArrayList<>();
            Task<String> blocked = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(0.1).await();
                } catch (CancelledError e) {
                    out.add("cancelled");
                    throw e;
                }
                return "never";
            });
            assertThat(blocked.cancel()).isTrue();
            assertThatThrownBy(blocked::await).isInstanceOf(CancelledError.class);
            assertThat(blocked.cancelled()).isTrue();
            assertThat(out).containsExactly("cancelled");
            return null;
        });
    }

    /** A cancel requested in the eager step is delivered at the first suspension, or ends the task cancelled. */
    @Test
    void cancellationBeforeTheFirstSuspension() {
        runEager(() -> {
            List<String> out = new ArrayList<>();
            Task<String> t = Asyncio.createTask(() -> {
                Asyncio.currentTask().cancel("self");
                out.add("still running");
                try {
                    Asyncio.sleep(0).await();
                } catch (CancelledError e) {
                    out.add("cancelled at suspension: " + e.getMessage());
                    throw e;
                }
                return "never";
            });
            assertThat(t.done()).isFalse();
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class);
            assertThat(out).containsExactly("still running", "cancelled at suspension: self");
            Task<String> returned = Asyncio.createTask(() -> {
                Asyncio.currentTask().cancel();
                return "ignored";
            });
            assertThat(returned.cancelled()).isTrue();
            return null;
        });
    }

    /** test_taskgroup...: eager tasks that finish at once and ones that suspend, and an eager failure. */
    @Test
    void taskGroupWithEagerTasks() {
        List<String> results = runEager(() -> {
            List<Task<String>> ts = new ArrayList<>();
            TaskGroup.run(tg -> {
                ts.add(tg.createTask(() -> "now"));
                ts.add(tg.createTask(() -> {
                    Asyncio.sleep(0.5).await();
                    return "later";
                }));
                assertThat(ts.get(0).done()).isTrue();
                assertThat(ts.get(1).done()).isFalse();
                return null;
            }).await();
            List<String> out = new ArrayList<>();
            for (Task<String> t : ts) {
                out.add(t.result());
            }
            List<String> log = new ArrayList<>();
            try {
                TaskGroup.run(tg -> {
                    tg.createTask(() -> {
                        try {
                            Asyncio.sleep(10).await();
                        } catch (CancelledError e) {
                            log.add("sibling cancelled");
                            throw e;
                        }
                        return null;
                    });
                    tg.createTask(() -> {
                        throw new IllegalStateException("eager failure");
                    });
                    Asyncio.sleep(10).await();
                    return null;
                }).await();
            } catch (ExceptionGroup eg) {
                out.add(eg.exceptions().get(0).getMessage());
            }
            out.addAll(log);
            out.add("t=" + Asyncio.getRunningLoop().time());
            return out;
        });
        assertThat(results.subList(0, 4)).containsExactly("now", "later", "eager failure", "sibling cancelled");
    }

    /** test_gather...: gather's children start eagerly; results keep their order. */
    @Test
    void gatherWithEagerTasks() {
        List<String> out = new ArrayList<>();
        List<Object> r = runEager(() -> Asyncio.gather(true,
                () -> {
                    out.add("a");
                    return "a";
                },
                () -> {
                    out.add("b start");
                    Asyncio.sleep(0).await();
                    out.add("b end");
                    return "b";
                },
                () -> {
                    out.add("c");
                    throw new IllegalStateException("c");
                }).await());
        assertThat(out).containsExactly("a", "b start", "c", "b end");
        assertThat(r.subList(0, 2)).containsExactly("a", "b");
        assertThat(r.get(2)).isInstanceOf(IllegalStateException.class);
    }

    /** Eager tasks made by an eager task: each runs inside its creator's call. */
    @Test
    void nestedEagerTasks() {
        List<String> out = runEager(() -> {
            List<String> log = new ArrayList<>();
            Task<String> outer = Asyncio.createTask(() -> {
                log.add("outer start");
                Task<String> inner = Asyncio.createTask(() -> {
                    log.add("inner start");
                    Asyncio.sleep(0).await();
                    log.add("inner end");
                    return "inner";
                });
                log.add("outer after inner created");
                return "outer+" + inner.await();
            });
            log.add("main after outer created");
            log.add(outer.await());
            return log;
        });
        assertThat(out).containsExactly("outer start", "inner start", "outer after inner created",
                "main after outer created", "inner end", "outer+inner");
    }

    /** The body runs in a copy of the creator's context, as a plain task's. */
    @Test
    void theEagerStepRunsInACopyOfTheCreatorsContext() {
        ContextVar<String> cv = new ContextVar<>("cv", "default");
        String r = runEager(() -> {
            cv.set("creator");
            Task<String> t = Asyncio.createTask(() -> {
                String seen = cv.get();
                cv.set("task");
                return seen;
            });
            return t.result() + " " + cv.get();
        });
        assertThat(r).isEqualTo("creator creator");
    }

    /** CPython 3.12: a task made while its loop is not running starts as a plain task. */
    @Test
    void aLoopThatIsNotRunningMakesPlainTasks() {
        try (Runner runner = new Runner().virtualTime(true)) {
            EventLoop loop = runner.getLoop();
            loop.setTaskFactory(Asyncio.eagerTaskFactory());
            List<String> out = new ArrayList<>();
            Task<String> t = loop.createTask(() -> {
                out.add("body");
                return "r";
            }, null);
            assertThat(t.done()).isFalse();
            assertThat(out).isEmpty();
            String res = runner.run(() -> t.await());
            assertThat(res).isEqualTo("r");
        }
    }
}
