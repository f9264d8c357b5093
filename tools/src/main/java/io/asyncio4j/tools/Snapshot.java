package io.asyncio4j.tools;

import java.util.List;

/**
 * A task dump of one JVM as {@link SnapshotParser} read it: its loops, each with its thread and tasks; each task with
 * its frames (innermost first) and the ids of the tasks awaiting it. Strings are as the target sent them (already
 * unescaped, not yet {@linkplain Sanitizer sanitized} for display).
 *
 * @param loops the loops, in the target's order
 * @param notes the target's notes (a dump cut at its limits)
 */
record Snapshot(List<Loop> loops, List<String> notes) {
    Snapshot {
        loops = List.copyOf(loops);
        notes = List.copyOf(notes);
    }

    /** A loop: the id and name of its thread, how it was read (cooperative, direct, idle) and its tasks. */
    record Loop(long threadId, String threadName, String how, List<TaskInfo> tasks) {
        Loop {
            tasks = List.copyOf(tasks);
        }
    }

    /** A task: its id (unique in the dump), name, frames innermost first, and the ids of its awaiters. */
    record TaskInfo(long id, String name, List<Frame> frames, List<Long> awaitedBy) {
        TaskInfo {
            frames = List.copyOf(frames);
            awaitedBy = List.copyOf(awaitedBy);
        }
    }

    /**
     * A frame: CPython's {@code FrameInfo(funcname, filename, lineno)}; {@code function} is {@code Class.method}, the
     * file a path from the class's package.
     */
    record Frame(String function, String file, int line) {
    }
}
