package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Call graphs and task stacks, CPython 3.14's {@code asyncio.graph}: the cases of CPython's
 * {@code Lib/test/test_asyncio/test_graph.py} ({@code CallStackTestBase}) with Java frames, on both carriers.
 */
@org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class CallGraphTest {
    /**
     * CPython's {@code capture_test_stack}'s {@code walk}: {@code T<name>} for a named task ({@code T<anon>} for
     * {@code Task-N}), {@code F} for a future; the frames as {@code Class.method} of this test and of the library's
     * coroutines (JUnit's and the JDK's frames below the test's own are left out); the awaiters sorted.
     */
    static List<Object> walk(FutureCallGraph g) {
        List<Object> ret = new ArrayList<>();
        if (g.future() instanceof Task<?> t) {
            String n = t.getName();
            ret.add(n.startsWith("Task-") ? "T<anon>" : "T<" + n + ">");
        } else {
            ret.add("F");
        }
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : g.callStack()) {
            if (e.getClassName().startsWith("io.asyncio4j.")) {
                frames.add(CallGraph.function(e));
            }
        }
        ret.add(frames);
        List<List<Object>> by = new ArrayList<>();
        for (FutureCallGraph a : g.awaitedBy()) {
            by.add(walk(a));
        }
        by.sort(Comparator.comparing(l -> (String) l.get(0)));
        ret.add(by);
        return ret;
    }

    /** The graph of {@code fut} (null: the current task), walked, and its text. */
    static Captured captureTestStack(Future<?> fut) {
        FutureCallGraph g = Asyncio.captureCallGraph(fut);
        return new Captured(walk(g), Asyncio.formatCallGraph(fut));
    }

    record Captured(List<Object> walk, String text) {
    }

    static final String HERE = "CallGraphTest.captureTestStack";

    // ---- test_stack_tgroup ---------------------------------------------------------------------------------

    private Captured stackForC5;

    Void c5() {
        stackForC5 = captureTestStack(null);
        return null;
    }

    Void c4() {
        Asyncio.sleep(0).await();
        return c5();
    }

    Void c3() {
        return c4();
    }

    Void c2() {
        return c3();
    }

    static Void c1(Task<?> task) {
        task.await();
        return null;
    }

    Void tgroupMain() {
        return TaskGroup.<Void>run(tg -> {
            Task<Void> task = tg.createTask(this::c2, "c2_root");
            tg.createTask(() -> c1(task), "sub_main_1");
            tg.createTask(() -> c1(task), "sub_main_2");
            return null;
        }).await();
    }

    @Test
    void stackTaskGroup() {
        Asyncio.run(this::tgroupMain);
        List<Object> main = List.of("T<anon>", List.of("TaskGroup.exit", "TaskGroup.runBody", "TaskGroup.run.<lambda>",
                "CallGraphTest.tgroupMain"), List.of());
        assertThat(stackForC5.walk()).isEqualTo(List.of(
                "T<c2_root>",
                List.of(HERE, "CallGraphTest.c5", "CallGraphTest.c4", "CallGraphTest.c3", "CallGraphTest.c2"),
                List.of(
                        main,
                        List.of("T<sub_main_1>", List.of("CallGraphTest.c1", "CallGraphTest.tgroupMain.<lambda>"),
                                List.of(main)),
                        List.of("T<sub_main_2>", List.of("CallGraphTest.c1", "CallGraphTest.tgroupMain.<lambda>"),
                                List.of(main)))));
        assertThat(stackForC5.text()).contains(" in CallGraphTest.tgroupMain()");
    }

    // ---- test_stack_gather ---------------------------------------------------------------------------------

    private Captured stackForDeep;

    Void deep() {
        Asyncio.sleep(0).await();
        stackForDeep = captureTestStack(null);
        return null;
    }

    Void gc1() {
        Asyncio.sleep(0).await();
        return deep();
    }

    static Void gc2() {
        Asyncio.sleep(0).await();
        return null;
    }

    Void gatherMain() {
        Asyncio.gather(this::gc1, CallGraphTest::gc2).await();
        return null;
    }

    @Test
    void stackGather() {
        Asyncio.run(this::gatherMain);
        assertThat(stackForDeep.walk()).isEqualTo(List.of(
                "T<anon>", List.of(HERE, "CallGraphTest.deep", "CallGraphTest.gc1"),
                List.of(List.of("T<anon>", List.of("CallGraphTest.gatherMain"), List.of()))));
    }

    // ---- test_stack_shield ---------------------------------------------------------------------------------

    Void shieldMain() {
        Asyncio.shield(this::gc1).await();
        return null;
    }

    @Test
    void stackShield() {
        Asyncio.run(this::shieldMain);
        assertThat(stackForDeep.walk()).isEqualTo(List.of(
                "T<anon>", List.of(HERE, "CallGraphTest.deep", "CallGraphTest.gc1"),
                List.of(List.of("T<anon>", List.of("CallGraphTest.shieldMain"), List.of()))));
    }

    // ---- test_stack_timeout --------------------------------------------------------------------------------

    Void timeoutC1() {
        return Asyncio.timeout(1.0, () -> {
            Asyncio.sleep(0).await();
            return deep();
        }).await();
    }

    Void timeoutMain() {
        Asyncio.shield(this::timeoutC1).await();
        return null;
    }

    @Test
    void stackTimeout() {
        Asyncio.run(this::timeoutMain);
        List<?> walk = stackForDeep.walk();
        assertThat(walk.get(0)).isEqualTo("T<anon>");
        @SuppressWarnings("unchecked")
        List<String> frames = (List<String>) walk.get(1);
        assertThat(frames).startsWith(HERE, "CallGraphTest.deep").endsWith("CallGraphTest.timeoutC1");
        assertThat(walk.get(2)).isEqualTo(
                List.of(List.of("T<anon>", List.of("CallGraphTest.timeoutMain"), List.of())));
    }

    // ---- test_stack_wait -----------------------------------------------------------------------------------

    static Void waitC2() {
        for (int i = 0; i < 3; i++) {
            Asyncio.sleep(0).await();
        }
        return null;
    }

    static Void waitMain(Task<Void> t1, Task<Void> t2) {
        for (;;) {
            Done<Void> d = Asyncio.wait(List.of(t1, t2)).await();
            if (d.pending().isEmpty()) {
                return null;
            }
        }
    }

    Void waitTest() {
        Task<Void> t1 = Asyncio.createTask(this::timeoutC1);
        Task<Void> t2 = Asyncio.createTask(CallGraphTest::waitC2);
        try {
            waitMain(t1, t2);
        } finally {
            t1.await();
            t2.await();
        }
        return null;
    }

    @Test
    void stackWait() {
        Asyncio.run(this::waitTest);
        List<?> walk = stackForDeep.walk();
        assertThat(walk.get(0)).isEqualTo("T<anon>");
        @SuppressWarnings("unchecked")
        List<String> frames = (List<String>) walk.get(1);
        assertThat(frames).startsWith(HERE, "CallGraphTest.deep").endsWith("CallGraphTest.timeoutC1");
        assertThat(walk.get(2)).isEqualTo(List.of(List.of("T<anon>",
                List.of("Wait.await", "Asyncio.wait.<lambda>", "CallGraphTest.waitMain", "CallGraphTest.waitTest"),
                List.of())));
    }

    // ---- test_stack_task -----------------------------------------------------------------------------------

    Void taskC1() {
        return deep();
    }

    Void taskC2() {
        Asyncio.createTask(this::taskC1, "there there").await();
        return null;
    }

    Void taskMain() {
        return taskC2();
    }

    @Test
    void stackTask() {
        Asyncio.run(this::taskMain);
        assertThat(stackForDeep.walk()).isEqualTo(List.of(
                "T<there there>", List.of(HERE, "CallGraphTest.deep", "CallGraphTest.taskC1"),
                List.of(List.of("T<anon>", List.of("CallGraphTest.taskC2", "CallGraphTest.taskMain"), List.of()))));
    }

    // ---- test_stack_future ---------------------------------------------------------------------------------

    static Void a2(Future<?> fut) {
        fut.await();
        return null;
    }

    static Void a1(Future<?> fut) {
        return a2(fut);
    }

    static Void b1(Future<?> fut) {
        fut.await();
        return null;
    }

    private Captured stackForFut;

    Void futureMain() {
        Future<Void> fut = Asyncio.getRunningLoop().createFuture();
        return TaskGroup.<Void>run(g -> {
            g.createTask(() -> a1(fut), "task A");
            g.createTask(() -> b1(fut), "task B");
            for (int i = 0; i < 5; i++) {
                Asyncio.sleep(0).await();
            }
            stackForFut = captureTestStack(fut);
            fut.setResult(null);
            return null;
        }).await();
    }

    @Test
    void stackFuture() {
        Asyncio.run(this::futureMain);
        List<Object> main = List.of("T<anon>", List.of(HERE, "CallGraphTest.futureMain.<lambda>",
                "TaskGroup.runBody", "TaskGroup.run.<lambda>", "CallGraphTest.futureMain"), List.of());
        assertThat(stackForFut.walk()).isEqualTo(List.of("F", List.of(), List.of(
                List.of("T<task A>", List.of("CallGraphTest.a2", "CallGraphTest.a1", "CallGraphTest.futureMain.<lambda>"),
                        List.of(main)),
                List.of("T<task B>", List.of("CallGraphTest.b1", "CallGraphTest.futureMain.<lambda>"),
                        List.of(main)))));
        assertThat(stackForFut.text()).startsWith("* Future(id=0x");
    }

    // ---- beyond CPython's cases ----------------------------------------------------------------------------

    @Test
    void aCycleOfAwaitsIsCutWhereATaskComesBack() {
        AtomicReference<List<Object>> walked = new AtomicReference<>();
        Asyncio.run(() -> {
            AtomicReference<Task<?>> b = new AtomicReference<>();
            Future<Void> release = Asyncio.getRunningLoop().createFuture();
            // a awaits b through a shield (still "awaited by" for the graph), so that cancelling a ends the cycle.
            Task<Void> a = Asyncio.createTask(() -> {
                Asyncio.sleep(0).await();
                Asyncio.shield(b.get()).await();
                return null;
            }, "a");
            b.set(Asyncio.createTask(() -> {
                Asyncio.sleep(0).await();
                a.await();
                return null;
            }, "b"));
            Asyncio.sleep(0).await();
            Asyncio.sleep(0).await();
            walked.set(walk(Asyncio.captureCallGraph(a)));
            a.cancel();
            Asyncio.gather(true, a, b.get()).await();
            release.cancel();
            return null;
        });
        List<Object> w = walked.get();
        assertThat(w.get(0)).isEqualTo("T<a>");
        List<?> byA = (List<?>) w.get(2);
        assertThat(byA).hasSize(1);
        List<?> bGraph = (List<?>) byA.get(0);
        assertThat(bGraph.get(0)).isEqualTo("T<b>");
        List<?> byB = (List<?>) bGraph.get(2);
        assertThat(byB).hasSize(1);
        assertThat(((List<?>) byB.get(0)).get(0)).isEqualTo("T<a>");
        assertThat((List<?>) ((List<?>) byB.get(0)).get(2)).isEmpty();
    }

    static Void parked(Future<?> f) {
        f.await();
        return null;
    }

    @Test
    void getStackOfASuspendedTaskIsItsCoroutineInnermostFirst() {
        AtomicReference<List<StackTraceElement>> suspended = new AtomicReference<>();
        AtomicReference<List<StackTraceElement>> notStarted = new AtomicReference<>();
        AtomicReference<List<StackTraceElement>> done = new AtomicReference<>();
        AtomicReference<String> printed = new AtomicReference<>();
        AtomicReference<String> printedDone = new AtomicReference<>();
        Asyncio.run(() -> {
            Future<Void> f = Asyncio.getRunningLoop().createFuture();
            Task<Void> t = Asyncio.createTask(() -> parked(f), "parked");
            notStarted.set(t.getStack());
            Asyncio.sleep(0).await();
            suspended.set(t.getStack());
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            t.printStack(new PrintStream(buf, true, StandardCharsets.UTF_8));
            printed.set(buf.toString(StandardCharsets.UTF_8));
            f.setResult(null);
            t.await();
            done.set(t.getStack());
            buf.reset();
            t.printStack(new PrintStream(buf, true, StandardCharsets.UTF_8));
            printedDone.set(buf.toString(StandardCharsets.UTF_8));
            return null;
        });
        assertThat(notStarted.get()).isEmpty();
        assertThat(done.get()).isEmpty();
        assertThat(suspended.get()).extracting(CallGraph::function)
                .containsExactly("CallGraphTest.parked",
                        "CallGraphTest.getStackOfASuspendedTaskIsItsCoroutineInnermostFirst.<lambda>");
        String nl = System.lineSeparator();
        assertThat(printed.get()).startsWith("Stack for <Task pending name='parked'")
                .contains("(most recent call last):" + nl
                        + "  File \"io/asyncio4j/CallGraphTest.java\", line ")
                .endsWith(", in CallGraphTest.parked" + nl);
        assertThat(printedDone.get()).startsWith("No stack for <Task finished name='parked'");
    }

    @Test
    void getStackOfTheCurrentTaskStartsAtItsCaller() {
        AtomicReference<List<StackTraceElement>> stack = new AtomicReference<>();
        Asyncio.run(() -> {
            stack.set(Asyncio.currentTask().getStack());
            return null;
        });
        assertThat(stack.get().get(0).getMethodName()).startsWith("lambda$getStackOfTheCurrentTaskStartsAtItsCaller");
        assertThat(stack.get()).noneMatch(e -> e.getClassName().startsWith("java.lang.VirtualThread")
                || e.getClassName().startsWith("jdk.internal.") || e.getClassName().contains("Carrier"));
    }

    @Test
    void aTaskBlockedInTheJdkShowsTheJdkCall() throws Exception {
        // Thread.sleep in a task holds the loop: the stack, taken from another thread, shows the sleep.
        AtomicReference<Task<?>> task = new AtomicReference<>();
        AtomicBoolean release = new AtomicBoolean();
        AtomicReference<List<StackTraceElement>> seen = new AtomicReference<>();
        Thread looker = Thread.ofPlatform().start(() -> {
            while (task.get() == null) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < 2000 && seen.get() == null; i++) {
                List<StackTraceElement> s = task.get().getStack();
                if (s.stream().anyMatch(e -> e.getClassName().equals("java.lang.Thread")
                        && e.getMethodName().equals("sleep"))) {
                    seen.set(s);
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
            release.set(true);
        });
        Asyncio.run(() -> {
            Task<Void> t = Asyncio.createTask(() -> {
                while (!release.get()) {
                    Thread.sleep(5);
                    if (seen.get() != null) {
                        break;
                    }
                }
                return null;
            }, "sleeper");
            task.set(t);
            t.await();
            return null;
        });
        looker.join();
        assertThat(seen.get()).isNotNull();
        // java.lang.Thread's sleep frames on top (the JDK's own), then the task's lambda; no machinery.
        List<StackTraceElement> s = seen.get();
        assertThat(s.get(0).getClassName()).isEqualTo("java.lang.Thread");
        assertThat(s.get(s.size() - 1).getClassName()).isEqualTo("io.asyncio4j.CallGraphTest");
        assertThat(s).allMatch(e -> e.getClassName().equals("java.lang.Thread")
                || e.getClassName().equals("io.asyncio4j.CallGraphTest"));
    }

    @Test
    void outsideALoopAFutureIsRequired() {
        assertThatThrownBy(() -> Asyncio.captureCallGraph(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside of a running event loop");
    }

    @Test
    void fromACallbackTheCurrentTaskIsNone() {
        AtomicReference<Object> graph = new AtomicReference<>("unset");
        AtomicReference<String> text = new AtomicReference<>();
        Asyncio.run(() -> {
            Future<Void> done = Asyncio.getRunningLoop().createFuture();
            Asyncio.getRunningLoop().callSoon(() -> {
                graph.set(Asyncio.captureCallGraph(null));
                text.set(Asyncio.formatCallGraph(null));
                done.setResult(null);
            });
            done.await();
            return null;
        });
        assertThat(graph.get()).isNull();
        assertThat(text.get()).isEmpty();
    }

    @Test
    void formatFollowsCpythonsLayout() {
        AtomicReference<String> text = new AtomicReference<>();
        AtomicReference<String> ids = new AtomicReference<>();
        Asyncio.run(() -> {
            Future<Void> f = Asyncio.getRunningLoop().createFuture();
            Task<Void> t = Asyncio.createTask(() -> parked(f), "worker");
            Asyncio.sleep(0).await();
            text.set(Asyncio.formatCallGraph(t));
            ids.set(CallGraph.id(t));
            f.setResult(null);
            t.await();
            return null;
        });
        String nl = System.lineSeparator();
        assertThat(text.get().split(nl, -1)).containsExactly(
                "* Task(name='worker', id=" + ids.get() + ")",
                "  + Call stack:",
                text.get().split(nl)[2],
                text.get().split(nl)[3]);
        assertThat(text.get().split(nl)[2]).matches(
                "  \\|   File 'io/asyncio4j/CallGraphTest\\.java', line \\d+, in CallGraphTest\\.parked\\(\\)");
        assertThat(text.get().split(nl)[3]).matches("  \\|   File 'io/asyncio4j/CallGraphTest\\.java', line \\d+, in "
                + "CallGraphTest\\.formatFollowsCpythonsLayout\\.<lambda>\\(\\)");
    }

    @Test
    void printCallGraphWritesToSystemOut() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Asyncio.run(() -> {
                Task<Void> t = Asyncio.createTask(() -> {
                    Asyncio.printCallGraph(null);
                    return null;
                }, "printer");
                t.await();
                return null;
            });
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("* Task(name='printer', id=0x").contains("  + Awaited by:" + System.lineSeparator()
                + "    * Task(name='Task-").endsWith(System.lineSeparator());
    }

    @Test
    void stacksTakenFromAnotherThreadNeverLoseATask() throws Exception {
        // Thread.getStackTrace holds a suspended task's thread for an instant; a resume at that instant must not
        // be lost (fast carrier) and the tasks must all finish.
        AtomicBoolean stop = new AtomicBoolean();
        List<Task<?>> tasks = new ArrayList<>();
        Thread looker = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                Task<?>[] snapshot;
                synchronized (tasks) {
                    snapshot = tasks.toArray(new Task<?>[0]);
                }
                for (Task<?> t : snapshot) {
                    t.getStack();
                }
            }
        });
        try {
            Asyncio.run(() -> {
                List<Task<Void>> mine = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Task<Void> t = Asyncio.createTask(() -> {
                        for (int k = 0; k < 3000; k++) {
                            Asyncio.sleep(0).await();
                        }
                        return null;
                    });
                    mine.add(t);
                    synchronized (tasks) {
                        tasks.add(t);
                    }
                }
                for (Task<Void> t : mine) {
                    t.await();
                }
                return null;
            });
        } finally {
            stop.set(true);
            looker.join();
        }
        assertThat(tasks).allMatch(Future::done);
    }
}
