package io.asyncio4j;

import static io.asyncio4j.VirtualTime.run;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The static facade: running loop, current task, all tasks, ensureFuture, thread loops, await outside tasks. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AsyncioTest {

    @Test
    void getRunningLoopOutsideALoop() {
        assertThatThrownBy(Asyncio::getRunningLoop).isInstanceOf(IllegalStateException.class)
                .hasMessage("no running event loop");
        assertThatThrownBy(Asyncio::allTasks).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Asyncio.createTask(() -> null)).isInstanceOf(IllegalStateException.class);
        assertThat(Asyncio.currentTask()).isNull();
    }

    @Test
    void awaitOutsideATaskThrowsIllegalState() {
        Coro<String> c = () -> "x";
        assertThatThrownBy(c::await).isInstanceOf(IllegalStateException.class).hasMessageContaining("task");
        assertThatThrownBy(() -> Asyncio.await(c)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Asyncio.sleep(0).await()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Asyncio.sleep(1).await()).isInstanceOf(IllegalStateException.class);
        // in a plain callback of a running loop there is a running loop but no task
        List<Throwable> errs = new ArrayList<>();
        EventLoop loop = Asyncio.newEventLoop();
        try {
            Future<String> f = loop.createFuture();
            loop.callSoon(() -> {
                try {
                    f.await();
                } catch (Throwable t) {
                    errs.add(t);
                }
                try {
                    c.await();
                } catch (Throwable t) {
                    errs.add(t);
                }
                loop.stop();
            });
            loop.runForever();
        } finally {
            loop.close();
        }
        assertThat(errs).hasSize(2).allSatisfy(t -> assertThat(t).isInstanceOf(IllegalStateException.class));
    }

    @Test
    void awaitFromAnotherPlainThreadThrowsIllegalState() throws Exception {
        List<Throwable> errs = new ArrayList<>();
        Thread th = Thread.ofVirtual().start(() -> {
            try {
                Asyncio.sleep(0).await();
            } catch (Throwable t) {
                errs.add(t);
            }
        });
        th.join();
        assertThat(errs).singleElement().isInstanceOf(IllegalStateException.class);
    }

    /*
     * main2 sets its name 'main'; in main: current_task() is main; a call_soon callback sees get_running_loop()
     * and current_task() None; create_task(child(), name='x'); sorted(all_tasks names) == ['main', 'x'];
     * after await x: ['main']; ensure_future(f) is f; ensure_future(coro) is a Task; sleep(0.01, 'slept')
     */
    @Test
    void currentTaskAllTasksEnsureFuture() {
        List<String> log = new ArrayList<>();
        run(() -> {
            Asyncio.currentTask().setName("main");
            EventLoop loop = Asyncio.getRunningLoop();
            Task<?> me = Asyncio.currentTask();
            log.add("current is main " + Py.repr(me.getName().equals("main")));
            loop.callSoon(() -> {
                log.add("in callback running loop " + Py.repr(Asyncio.getRunningLoop() == loop));
                log.add("in callback current_task " + Py.repr(Asyncio.currentTask()));
            });
            Asyncio.sleep(0).await();
            Task<String> t = Asyncio.createTask(() -> {
                Asyncio.sleep(1).await();
                return "r";
            }, "x");
            log.add("all " + Py.repr(Asyncio.allTasks().stream().map(Task::getName).sorted().toList()));
            Asyncio.sleep(0).await();
            t.setName("y");
            log.add(t.getName());
            t.await();
            log.add("all after " + Py.repr(Asyncio.allTasks().stream().map(Task::getName).sorted().toList()));
            Future<Object> f = loop.createFuture();
            log.add("ensure_future same " + Py.repr(Asyncio.ensureFuture(f) == f));
            Coro<Integer> c = () -> 7;
            Future<Integer> ef = Asyncio.ensureFuture(c);
            log.add("ensure_future coro task " + Py.repr(ef instanceof Task) + " " + ef.await());
            log.add("sleep result " + Asyncio.sleep(0.01, "slept").await());
            return null;
        });
        assertThat(log).containsExactly("current is main True", "in callback running loop True",
                "in callback current_task None", "all ['main', 'x']", "y", "all after ['main']",
                "ensure_future same True", "ensure_future coro task True 7", "sleep result slept");
    }

    @Test
    void currentTaskInsideChildTasks() {
        run(() -> {
            Task<?> main = Asyncio.currentTask();
            Task<Task<?>>[] child = new Task[1];
            child[0] = Asyncio.createTask(Asyncio::currentTask);
            assertThat(child[0].await()).isSameAs(child[0]).isNotSameAs(main);
            assertThat(Asyncio.currentTask()).isSameAs(main);
            Set<Task<?>> all = Asyncio.allTasks();
            assertThat(all).containsExactly(main);
            return null;
        });
    }

    @Test
    void getEventLoopAndSetEventLoop() {
        EventLoop mine = Asyncio.newEventLoop();
        try {
            assertThat(mine.isRunning()).isFalse();
            assertThat(mine.isClosed()).isFalse();
            Asyncio.setEventLoop(mine);
            assertThat(Asyncio.getEventLoop()).isSameAs(mine);
            Coro<EventLoop> c = Asyncio::getEventLoop;
            assertThat(mine.runUntilComplete(c)).isSameAs(mine);
            Asyncio.setEventLoop(null);
            // not the main thread, and set_event_loop was called: no new loop (GetEventLoopTest has the rest)
            assertThatThrownBy(Asyncio::getEventLoop).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("There is no current event loop in thread ");
        } finally {
            Asyncio.setEventLoop(null);
            mine.close();
        }
        try (Runner r = new Runner().virtualTime(true)) {
            EventLoop inRun = r.run(Asyncio::getEventLoop);
            assertThat(inRun).isSameAs(r.getLoop());
        }
    }

    @Test
    void ensureFutureReturnsAFutureOfAnotherLoopAsIs() {
        EventLoop other = Asyncio.newEventLoop();
        try {
            Future<Object> f = other.createFuture();
            run(() -> {
                assertThat(Asyncio.ensureFuture(f)).isSameAs(f);
                return null;
            });
        } finally {
            other.close();
        }
    }

    @Test
    void awaitingAFutureOfAnotherLoopFails() {
        EventLoop other = Asyncio.newEventLoop();
        try {
            Future<Object> f = other.createFuture();
            run(() -> {
                assertThatThrownBy(f::await).isInstanceOf(IllegalStateException.class);
                return null;
            });
        } finally {
            other.close();
        }
    }

    @Test
    void sleepWithResultAndVirtualClock() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            assertThat(Asyncio.sleep(2.5, "v").await()).isEqualTo("v");
            assertThat(loop.time()).isEqualTo(2.5);
            assertThat(Asyncio.sleep(-1, 3).await()).isEqualTo(3);
            assertThat(loop.time()).isEqualTo(2.5);
            return null;
        });
    }
}
