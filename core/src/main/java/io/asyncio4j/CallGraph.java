package io.asyncio4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * CPython 3.14's {@code asyncio.graph}: the frames of a task's coroutine and who awaits a future.
 *
 * <p><b>Frames.</b> A task's coroutine chain is its virtual thread's Java stack. It is taken with
 * {@link Thread#getStackTrace()}, which works from any thread whether the task is suspended (parked or yielded) or
 * running, and stripped of the machinery between the user's frames: the carriers' hand-over, {@code Task}'s await
 * and step path, {@code Future.await}, {@code Coro.await}, the library's named-coroutine wrapper, and the JDK's
 * virtual-thread and continuation frames. What is left is what CPython's coroutine chain shows: the user's frames
 * and the library's own coroutine bodies ({@code Asyncio.sleep}, {@code TaskGroup.run}, ...), innermost first.
 *
 * <p><b>Who awaits.</b> Nothing is recorded on a switch. "Who awaits F" is derived when asked, from one scan of the
 * loop's unfinished tasks: a task whose awaited future ({@code Task.futWaiter}, CPython's {@code _fut_waiter}) is F;
 * a task awaiting a gather of which F is a child, or a shield of F (CPython 3.14 records both for the task calling
 * {@code gather}/{@code shield}, which is the task awaiting it in the usual {@code await gather(...)}); and the task
 * of the {@link TaskGroup} that created F while F runs (recorded at {@code createTask}, as CPython's
 * {@code TaskGroup.create_task} does); a task in {@code wait} awaits the futures it waits for. Waits through
 * {@code waitFor} and {@code asCompleted} go through futures of their own and are not followed, nor a gather nested
 * in a gather.
 */
final class CallGraph {
    /** Frames kept per task: deeper stacks are cut at their outer end, as a recursion limit would. */
    static final int MAX_FRAMES = 512;

    private CallGraph() {
    }

    // ---- frames --------------------------------------------------------------------------------------------

    /** The frames of {@code task}'s coroutine, innermost first; empty if it has not started or is done. */
    static List<StackTraceElement> stackOf(Task<?> task) {
        Carrier.TaskThread tt = task.thread;
        if (tt == null || task.done()) {
            return List.of();
        }
        Thread vt = tt.thread();
        StackTraceElement[] raw = vt == Thread.currentThread() ? new Throwable().getStackTrace() : vt.getStackTrace();
        return strip(raw);
    }

    /** {@code raw} (innermost first) without the library's and the JDK's machinery frames. */
    static List<StackTraceElement> strip(StackTraceElement[] raw) {
        boolean[] drop = new boolean[raw.length];
        boolean belowIsMachinery = true; // the bottom of a task's stack is the carrier's entry
        for (int i = raw.length - 1; i >= 0; i--) {
            StackTraceElement e = raw[i];
            boolean m = isMachinery(e) || (belowIsMachinery && isSuspensionCall(e));
            drop[i] = m;
            belowIsMachinery = m;
        }
        List<StackTraceElement> out = new ArrayList<>();
        for (int i = 0; i < raw.length && out.size() < MAX_FRAMES; i++) {
            if (!drop[i]) {
                out.add(raw[i]);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The JDK calls through which the library suspends a task, machinery only when called by the library. */
    private static boolean isSuspensionCall(StackTraceElement e) {
        String c = e.getClassName();
        String m = e.getMethodName();
        return (c.equals("java.lang.Thread") && (m.equals("yield") || m.equals("getStackTrace")))
                || c.equals("java.util.concurrent.locks.LockSupport") || c.equals("java.lang.Throwable");
    }

    private static boolean isMachinery(StackTraceElement e) {
        String c = e.getClassName();
        if (c.startsWith("java.lang.VirtualThread") || c.startsWith("jdk.internal.") || c.startsWith("java.lang.System$")
                || c.startsWith("java.lang.ScopedValue")) {
            return true;
        }
        if (!c.startsWith("io.asyncio4j.") || c.indexOf('.', 13) >= 0) {
            return false;
        }
        int dollar = c.indexOf('$', 13);
        String top = dollar < 0 ? c.substring(13) : c.substring(13, dollar);
        String m = e.getMethodName();
        return switch (top) {
            case "FastCarrier", "PortableCarrier", "Carrier", "TrackedCoro", "CallGraph" -> true;
            case "Task" -> dollar >= 0 || switch (m) {
                case "awaitFuture", "yieldOnce", "throwAfterYield", "runBody", "step", "afterStep", "runEagerChildren",
                     "eagerStart", "getStack", "printStack" -> true;
                default -> false;
            };
            case "Future" -> m.equals("await");
            case "Coro" -> m.equals("await");
            case "Asyncio" -> m.equals("await") || m.equals("captureCallGraph") || m.equals("formatCallGraph")
                    || m.equals("printCallGraph");
            default -> false;
        };
    }

    /**
     * A frame's function as the graphs print it: the class's simple name (nested classes with {@code $}) and the
     * method, a lambda shown as {@code method.<lambda>} of the method it is written in.
     */
    static String function(StackTraceElement e) {
        String c = e.getClassName();
        String simple = c.substring(c.lastIndexOf('.') + 1);
        return simple + "." + method(e.getMethodName());
    }

    private static String method(String m) {
        if (m.startsWith("lambda$")) {
            int end = m.lastIndexOf('$');
            if (end > 7) {
                return m.substring(7, end) + ".<lambda>";
            }
        }
        return m;
    }

    /** A frame's source file with its package as a path ({@code io/example/Main.java}), or {@code <unknown>}. */
    static String file(StackTraceElement e) {
        String f = e.getFileName();
        if (f == null) {
            return "<unknown>";
        }
        String c = e.getClassName();
        int dot = c.lastIndexOf('.');
        return dot < 0 ? f : c.substring(0, dot).replace('.', '/') + "/" + f;
    }

    /** CPython's {@code Task.print_stack()} text for {@code task}. */
    static String formatStack(Task<?> task, List<StackTraceElement> stack) {
        if (stack.isEmpty()) {
            return "No stack for " + task + System.lineSeparator();
        }
        StringBuilder b = new StringBuilder("Stack for ").append(task).append(" (most recent call last):")
                .append(System.lineSeparator());
        for (int i = stack.size() - 1; i >= 0; i--) {
            StackTraceElement e = stack.get(i);
            b.append("  File \"").append(file(e)).append("\", line ").append(e.getLineNumber()).append(", in ")
                    .append(function(e)).append(System.lineSeparator());
        }
        return b.toString();
    }

    // ---- who awaits ----------------------------------------------------------------------------------------

    /**
     * Every (awaited future, waiter) pair that the unfinished task {@code waiter} stands in: its awaited future, the
     * children of the gather, the inner future of the shield, or the futures of the {@code wait} it awaits. Its being
     * the awaiter of its group's tasks is reported from the other side ({@link #groupParentOf}).
     */
    static void awaitsOf(Task<?> waiter, BiConsumer<Future<?>, Task<?>> sink) {
        Future<?> fw = waiter.futWaiter;
        if (fw == null) {
            return;
        }
        sink.accept(fw, waiter);
        Future<?> inner = Shield.innerOf(fw);
        if (inner != null) {
            sink.accept(inner, waiter);
        }
        List<Future<?>> children = Gather.childrenOf(fw);
        if (children != null) {
            for (Future<?> child : children) {
                if (child != fw) {
                    sink.accept(child, waiter);
                }
            }
        }
        java.util.Collection<? extends Future<?>> waited = Wait.awaitedBy(fw);
        if (waited != null) {
            for (Future<?> f : waited) {
                sink.accept(f, waiter);
            }
        }
    }

    /** The task of the group that created {@code f} while {@code f} runs, or null. */
    static Task<?> groupParentOf(Future<?> f) {
        return f instanceof Task<?> t && !t.done() ? t.groupParent : null;
    }

    /** The tasks awaiting {@code future}, in the loop's task order, the group's task last. */
    static List<Task<?>> awaitersOf(Future<?> future) {
        List<Task<?>> out = new ArrayList<>();
        for (Task<?> w = future.loop.firstLive(); w != null; w = w.nextLive) {
            if (w != future && !w.done()) {
                awaitsOf(w, (awaited, waiter) -> {
                    if (awaited == future && !containsIdentity(out, waiter)) {
                        out.add(waiter);
                    }
                });
            }
        }
        Task<?> parent = groupParentOf(future);
        if (parent != null && !containsIdentity(out, parent)) {
            out.add(parent);
        }
        return out;
    }

    private static boolean containsIdentity(List<?> list, Object o) {
        for (Object x : list) {
            if (x == o) {
                return true;
            }
        }
        return false;
    }

    // ---- graphs --------------------------------------------------------------------------------------------

    /** {@link Asyncio#captureCallGraph}. */
    static FutureCallGraph capture(Future<?> future) {
        if (future == null) {
            if (BaseEventLoop.running() == null) {
                throw new IllegalStateException("captureCallGraph() is called outside of a running event loop and "
                        + "no future to introspect was provided");
            }
            future = Carrier.currentTask();
            if (future == null) {
                return null;
            }
        }
        return build(future, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** The graph of {@code f}; a future already on the path (a cycle of awaits) is shown without its awaiters. */
    private static FutureCallGraph build(Future<?> f, Set<Future<?>> path) {
        List<StackTraceElement> stack = f instanceof Task<?> t ? stackOf(t) : List.of();
        if (!path.add(f)) {
            return new FutureCallGraph(f, stack, List.of());
        }
        try {
            List<FutureCallGraph> by = new ArrayList<>();
            for (Task<?> w : awaitersOf(f)) {
                by.add(build(w, path));
            }
            return new FutureCallGraph(f, stack, List.copyOf(by));
        } finally {
            path.remove(f);
        }
    }

    /** CPython's {@code format_call_graph}: the lines of {@link Asyncio#formatCallGraph}, without a final newline. */
    static String format(FutureCallGraph graph) {
        List<String> buf = new ArrayList<>();
        render(graph, buf, 0);
        return String.join(System.lineSeparator(), buf);
    }

    private static void render(FutureCallGraph g, List<String> buf, int level) {
        String indent = "    ".repeat(level);
        if (g.future() instanceof Task<?> t) {
            buf.add(indent + "* Task(name=" + Repr.full(t.getName()) + ", id=" + id(t) + ")");
        } else {
            buf.add(indent + "* Future(id=" + id(g.future()) + ")");
        }
        if (!g.callStack().isEmpty()) {
            buf.add(indent + "  + Call stack:");
            for (StackTraceElement e : g.callStack()) {
                buf.add(indent + "  |   File " + Repr.full(file(e)) + ", line " + e.getLineNumber() + ", in "
                        + function(e) + "()");
            }
        }
        if (!g.awaitedBy().isEmpty()) {
            buf.add(indent + "  + Awaited by:");
            for (FutureCallGraph by : g.awaitedBy()) {
                render(by, buf, level + 1);
            }
        }
    }

    /** A future's id as the graphs print it: its identity hash, in hex. */
    static String id(Object f) {
        return "0x" + Integer.toHexString(System.identityHashCode(f));
    }
}
