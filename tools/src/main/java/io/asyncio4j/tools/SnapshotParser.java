package io.asyncio4j.tools;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the text a target's task dump bean returns ({@code io.asyncio4j.management.TaskDump}, format version 1)
 * and trusts none of it: the whole text, the number of loops, tasks, frames per task and awaiters per task, and the
 * length of every field are bounded; ids and numbers must be well formed; a frame or an awaiter must follow a task,
 * a task a loop; task ids are unique. Anything else is rejected with one {@link MalformedSnapshotException} that says
 * which line and why, and nothing of a rejected text is shown.
 */
final class SnapshotParser {
    static final String HEADER = "asyncio4j-tasks 1";
    static final int MAX_CHARS = 8 << 20;
    static final int MAX_LOOPS = 4096;
    static final int MAX_TASKS = 100_000;
    static final int MAX_FRAMES = 1024;
    static final int MAX_AWAITERS = 10_000;
    static final int MAX_FIELD = 4096;
    static final int MAX_NOTES = 100;

    private SnapshotParser() {
    }

    /** Thrown for a text that is not a well-formed, bounded task dump. */
    static final class MalformedSnapshotException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedSnapshotException(String message) {
            super(message);
        }
    }

    static Snapshot parse(String text) throws MalformedSnapshotException {
        if (text == null) {
            throw new MalformedSnapshotException("the reply is empty");
        }
        if (text.length() > MAX_CHARS) {
            throw new MalformedSnapshotException("the reply is longer than " + MAX_CHARS + " characters");
        }
        List<Snapshot.Loop> loops = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        // The loop being read, as its parts; a loop is built when the next starts or the text ends.
        LoopBuilder loop = null;
        TaskBuilder task = null;
        int tasks = 0;
        int lineNo = 0;
        int start = 0;
        boolean first = true;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                throw new MalformedSnapshotException("line " + (lineNo + 1) + " does not end with a newline");
            }
            String line = text.substring(start, end);
            start = end + 1;
            lineNo++;
            if (first) {
                if (!line.equals(HEADER)) {
                    throw new MalformedSnapshotException("the reply does not start with '" + HEADER + "'");
                }
                first = false;
                continue;
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "L" -> {
                    fields(f, 4, lineNo);
                    if (loops.size() + (loop != null ? 1 : 0) >= MAX_LOOPS) {
                        throw new MalformedSnapshotException("more than " + MAX_LOOPS + " loops");
                    }
                    if (loop != null) {
                        loops.add(loop.build(task));
                    }
                    task = null;
                    loop = new LoopBuilder(number(f[1], 10, lineNo), text(f[2], lineNo), word(f[3], lineNo));
                }
                case "T" -> {
                    fields(f, 3, lineNo);
                    if (loop == null) {
                        throw new MalformedSnapshotException("line " + lineNo + ": a task before any loop");
                    }
                    if (++tasks > MAX_TASKS) {
                        throw new MalformedSnapshotException("more than " + MAX_TASKS + " tasks");
                    }
                    long id = number(f[1], 16, lineNo);
                    if (!ids.add(id)) {
                        throw new MalformedSnapshotException("line " + lineNo + ": task id " + Long.toHexString(id)
                                + " appears twice");
                    }
                    if (task != null) {
                        loop.tasks.add(task.build());
                    }
                    task = new TaskBuilder(id, text(f[2], lineNo));
                }
                case "F" -> {
                    fields(f, 4, lineNo);
                    if (task == null) {
                        throw new MalformedSnapshotException("line " + lineNo + ": a frame outside a task");
                    }
                    if (task.frames.size() >= MAX_FRAMES) {
                        throw new MalformedSnapshotException("line " + lineNo + ": more than " + MAX_FRAMES
                                + " frames in a task");
                    }
                    long n = number(f[3], 10, lineNo);
                    if (n > Integer.MAX_VALUE) {
                        throw new MalformedSnapshotException("line " + lineNo + ": line number out of range");
                    }
                    task.frames.add(new Snapshot.Frame(text(f[1], lineNo), text(f[2], lineNo), (int) n));
                }
                case "A" -> {
                    fields(f, 2, lineNo);
                    if (task == null) {
                        throw new MalformedSnapshotException("line " + lineNo + ": an awaiter outside a task");
                    }
                    if (task.awaitedBy.size() >= MAX_AWAITERS) {
                        throw new MalformedSnapshotException("line " + lineNo + ": more than " + MAX_AWAITERS
                                + " awaiters of a task");
                    }
                    task.awaitedBy.add(number(f[1], 16, lineNo));
                }
                case "X" -> {
                    fields(f, 2, lineNo);
                    if (notes.size() >= MAX_NOTES) {
                        throw new MalformedSnapshotException("more than " + MAX_NOTES + " notes");
                    }
                    notes.add(text(f[1], lineNo));
                }
                default -> throw new MalformedSnapshotException("line " + lineNo + ": unknown record");
            }
        }
        if (first) {
            throw new MalformedSnapshotException("the reply is empty");
        }
        if (loop != null) {
            loops.add(loop.build(task));
        }
        return new Snapshot(loops, notes);
    }

    private static void fields(String[] f, int n, int lineNo) throws MalformedSnapshotException {
        if (f.length != n) {
            throw new MalformedSnapshotException("line " + lineNo + ": " + f.length + " fields, " + n + " expected");
        }
    }

    /** A non-negative number in ASCII digits ({@code 0-9}, and {@code a-f} in hex), at most 15 or 18 of them. */
    private static long number(String s, int radix, int lineNo) throws MalformedSnapshotException {
        if (s.isEmpty() || s.length() > (radix == 16 ? 15 : 18)) {
            throw new MalformedSnapshotException("line " + lineNo + ": bad number");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (radix == 16 && c >= 'a' && c <= 'f');
            if (!ok) {
                throw new MalformedSnapshotException("line " + lineNo + ": bad number");
            }
        }
        return Long.parseLong(s, radix);
    }

    /** A short token of letters. */
    private static String word(String s, int lineNo) throws MalformedSnapshotException {
        if (s.isEmpty() || s.length() > 32 || !s.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            throw new MalformedSnapshotException("line " + lineNo + ": bad word");
        }
        return s;
    }

    /** A field with its escapes ({@code \\ \t \r \n}) undone; any other backslash sequence is malformed. */
    static String text(String s, int lineNo) throws MalformedSnapshotException {
        if (s.length() > MAX_FIELD * 2) {
            throw new MalformedSnapshotException("line " + lineNo + ": a field longer than " + MAX_FIELD);
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i == s.length()) {
                throw new MalformedSnapshotException("line " + lineNo + ": a field ends with a backslash");
            }
            switch (s.charAt(i)) {
                case '\\' -> b.append('\\');
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                default -> throw new MalformedSnapshotException("line " + lineNo + ": unknown escape");
            }
        }
        if (b.length() > MAX_FIELD) {
            throw new MalformedSnapshotException("line " + lineNo + ": a field longer than " + MAX_FIELD);
        }
        return b.toString();
    }

    private static final class LoopBuilder {
        final long threadId;
        final String threadName;
        final String how;
        final List<Snapshot.TaskInfo> tasks = new ArrayList<>();

        LoopBuilder(long threadId, String threadName, String how) {
            this.threadId = threadId;
            this.threadName = threadName;
            this.how = how;
        }

        Snapshot.Loop build(TaskBuilder last) {
            if (last != null) {
                tasks.add(last.build());
            }
            return new Snapshot.Loop(threadId, threadName, how, tasks);
        }
    }

    private static final class TaskBuilder {
        final long id;
        final String name;
        final List<Snapshot.Frame> frames = new ArrayList<>();
        final List<Long> awaitedBy = new ArrayList<>();

        TaskBuilder(long id, String name) {
            this.id = id;
            this.name = name;
        }

        Snapshot.TaskInfo build() {
            return new Snapshot.TaskInfo(id, name, frames, awaitedBy);
        }
    }
}
