package io.asyncio4j;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The task dump behind {@code ./asyncio4j ps} and {@code pstree} ({@link io.asyncio4j.management.TaskDump}): every
 * unfinished task of every live loop of this JVM, with its frames and its awaiters, as text.
 *
 * <p><b>How a loop is read.</b> A running loop is asked to take its own snapshot, as a thread-safe callback; if it
 * has not answered within {@link #COOPERATIVE_WAIT_MILLIS} (a callback or a task holds its thread: the hung program
 * this tool is for) the dump reads the loop's structures from the calling thread instead, best effort: the task list
 * may change under it, so an exception or an overlong walk restarts the read, up to {@link #DIRECT_ATTEMPTS} times.
 * A loop that is not running is read directly.
 *
 * <p><b>Format</b> (version 1), one record per line, fields separated by tabs, backslash, tab, carriage return and
 * newline in a field escaped as {@code \\ \t \r \n}:
 * <pre>
 * asyncio4j-tasks 1
 * L  thread-id  thread-name  how            (a loop; how = cooperative, direct or idle)
 * T  task-id  name                          (a task of the loop above; task-id: 1, 2, ... in hex, unique in the dump)
 * F  function  file  line                   (a frame of the task above, innermost first)
 * A  task-id                                (a task awaiting the task above)
 * X  message                                (a note: the dump was cut)
 * </pre>
 * The dump is bounded: {@link #MAX_TASKS} tasks, {@link #MAX_FRAMES} frames per task, names cut at
 * {@link #MAX_NAME} characters, {@link #MAX_CHARS} characters in all.
 */
final class TaskSnapshots {
    static final String HEADER = "asyncio4j-tasks 1";
    static final long COOPERATIVE_WAIT_MILLIS = 250;
    static final int DIRECT_ATTEMPTS = 3;
    static final int MAX_TASKS = 100_000;
    static final int MAX_FRAMES = 256;
    static final int MAX_NAME = 1024;
    static final int MAX_CHARS = 8 << 20;
    /** Room left for the last records and the note when the dump is cut. */
    private static final int MARGIN = 64 << 10;

    private TaskSnapshots() {
    }

    /** The dump of every live loop. Any thread. */
    static String dumpAll() {
        StringBuilder out = new StringBuilder(4096).append(HEADER).append('\n');
        int tasks = 0;
        for (BaseEventLoop loop : BaseEventLoop.liveLoops()) {
            if (loop.isClosed()) {
                continue;
            }
            Budget budget = new Budget(tasks + 1, MAX_TASKS - tasks, MAX_CHARS - MARGIN - out.length());
            if (budget.tasks <= 0 || budget.chars <= 0) {
                out.append("X\tthe dump was cut at ").append(tasks).append(" tasks\n");
                break;
            }
            Part part = snapshot(loop, budget);
            out.append(part.text);
            tasks += part.taken;
        }
        return out.toString();
    }

    /** What one loop's records may take: ids from {@code firstId}, at most so many tasks and characters. */
    private static final class Budget {
        final long firstId;
        final int tasks;
        final int chars;

        Budget(long firstId, int tasks, int chars) {
            this.firstId = firstId;
            this.tasks = tasks;
            this.chars = chars;
        }
    }

    /** One loop's records and the number of tasks in them. */
    private record Part(String text, int taken) {
    }

    /** The records of one loop. */
    private static Part snapshot(BaseEventLoop loop, Budget budget) {
        Thread owner = loop.ownerThread();
        if (loop.isRunning()) {
            CompletableFuture<Part> answer = new CompletableFuture<>();
            try {
                loop.callSoonThreadsafe(() -> {
                    try {
                        answer.complete(read(loop, owner, "cooperative", budget));
                    } catch (RuntimeException | Error e) {
                        answer.completeExceptionally(e); // read again from here; nothing for the loop to report
                    }
                });
                return answer.get(COOPERATIVE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return readDirect(loop, owner, "direct", budget);
            } catch (TimeoutException | ExecutionException | RuntimeException e) {
                // Stuck (or closing): read it from here.
                return readDirect(loop, owner, "direct", budget);
            }
        }
        return readDirect(loop, owner, "idle", budget);
    }

    private static Part readDirect(BaseEventLoop loop, Thread owner, String how, Budget budget) {
        RuntimeException last = null;
        for (int i = 0; i < DIRECT_ATTEMPTS; i++) {
            try {
                return read(loop, owner, how, budget);
            } catch (RuntimeException e) {
                last = e; // the structures changed under the walk: read again
            }
        }
        return new Part(loopLine(owner, how) + "X\tthe loop's tasks could not be read: "
                + escape(String.valueOf(last)) + "\n", 0);
    }

    private static String loopLine(Thread owner, String how) {
        return "L\t" + owner.threadId() + "\t" + escape(cut(owner.getName())) + "\t" + how + "\n";
    }

    /** The records of {@code loop}: its unfinished tasks, their frames and awaiters, ids from the budget's. */
    private static Part read(BaseEventLoop loop, Thread owner, String how, Budget budget) {
        List<Task<?>> tasks = new ArrayList<>();
        boolean cut = false;
        int walked = 0;
        for (Task<?> t = loop.firstLive(); t != null; t = t.nextLive) {
            if (++walked > MAX_TASKS * 2) {
                throw new IllegalStateException("the task list changed during the walk");
            }
            if (tasks.size() >= budget.tasks) {
                cut = true;
                break;
            }
            if (!t.done()) {
                tasks.add(t);
            }
        }
        Map<Future<?>, List<Task<?>>> awaiters = new IdentityHashMap<>();
        for (Task<?> w : tasks) {
            CallGraph.awaitsOf(w, (awaited, waiter) -> {
                List<Task<?>> l = awaiters.computeIfAbsent(awaited, k -> new ArrayList<>(2));
                if (!l.contains(waiter)) {
                    l.add(waiter);
                }
            });
        }
        Map<Task<?>, Long> ids = new IdentityHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            ids.put(tasks.get(i), budget.firstId + i);
        }
        StringBuilder b = new StringBuilder(loopLine(owner, how));
        int written = 0;
        for (Task<?> t : tasks) {
            if (b.length() > budget.chars) {
                cut = true;
                break;
            }
            b.append("T\t").append(Long.toHexString(ids.get(t))).append('\t').append(escape(cut(t.getName())))
                    .append('\n');
            written++;
            List<StackTraceElement> stack = CallGraph.stackOf(t);
            for (int f = 0; f < stack.size() && f < MAX_FRAMES; f++) {
                StackTraceElement e = stack.get(f);
                b.append("F\t").append(escape(cut(CallGraph.function(e)))).append('\t')
                        .append(escape(cut(CallGraph.file(e)))).append('\t').append(Math.max(0, e.getLineNumber()))
                        .append('\n');
            }
            List<Task<?>> by = new ArrayList<>(awaiters.getOrDefault(t, List.of()));
            Task<?> parent = CallGraph.groupParentOf(t);
            if (parent != null && !by.contains(parent)) {
                by.add(parent);
            }
            for (Task<?> w : by) {
                Long wi = ids.get(w);
                if (wi != null) {
                    b.append("A\t").append(Long.toHexString(wi)).append('\n');
                }
            }
        }
        if (cut) {
            b.append("X\tthe dump was cut at ").append(budget.firstId - 1 + written).append(" tasks\n");
        }
        return new Part(b.toString(), written);
    }

    private static String cut(String s) {
        return s.length() <= MAX_NAME ? s : s.substring(0, MAX_NAME);
    }

    /** Backslash, tab, carriage return and newline escaped; the tool escapes the rest for display. */
    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
