package io.asyncio4j;

import java.util.List;

/**
 * The async call graph of a future, CPython 3.14's {@code asyncio.FutureCallGraph}: the future, the frames of its
 * coroutine if it is a task, and the graphs of the tasks that await it. Made by {@link Asyncio#captureCallGraph};
 * printed by {@link Asyncio#formatCallGraph}.
 *
 * <p>CPython's {@code call_stack} holds {@code FrameCallGraphEntry(frame)} objects; here the entries are the Java
 * frames themselves, innermost first, as {@link Task#getStack()} gives them (the library's await machinery left out).
 * A graph is a snapshot: it does not change when the tasks go on.
 *
 * @param future the future or task the graph is about
 * @param callStack the frames of the task's coroutine, innermost first; empty for a plain future or a task that has
 *        not started or is done
 * @param awaitedBy the graphs of the tasks awaiting {@code future}, each with its own awaiters; a task met again
 *        along the way (a cycle of awaits) is listed without its awaiters
 */
public record FutureCallGraph(Future<?> future, List<StackTraceElement> callStack, List<FutureCallGraph> awaitedBy) {
    /**
     * A graph; the lists are copied.
     *
     * @param future the future or task the graph is about
     * @param callStack the frames, innermost first
     * @param awaitedBy the awaiters' graphs
     * @throws NullPointerException if an argument or an element of a list is null
     */
    public FutureCallGraph {
        java.util.Objects.requireNonNull(future, "future");
        callStack = List.copyOf(callStack);
        awaitedBy = List.copyOf(awaitedBy);
    }
}
