package io.asyncio4j.tools;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./asyncio4j ps PID} and {@code ./asyncio4j pstree PID}: the tasks of a running JVM, CPython 3.14's
 * {@code python -m asyncio ps PID} and {@code pstree PID}.
 *
 * <p>{@code ps} prints a table of every unfinished task of every event loop of the JVM: the loop thread's id, the
 * task's id and name, its coroutine stack, and who awaits it (the awaiter's chain, name and id).
 * {@code pstree} prints the await tree; if the tasks await each other in a cycle it prints
 * {@code ERROR: await-graph contains cycles - cannot print a tree!} and the cycles on standard error instead, and
 * exits with status 1.
 *
 * <p>The target needs no flag and registers nothing at start-up: the tool attaches through the JDK's attach API,
 * starts the target's local JMX agent and creates the dump bean there on first use, on the class path as on the
 * module path (a runtime made with {@code jlink} must include {@code jdk.management.agent}). A loop
 * whose thread is stuck (a callback or a task that blocks or spins) is read without its help. What the target sends
 * is not trusted: deserialization is filtered, the reply is parsed with hard limits and every name and frame is
 * printed with control characters escaped; every step has a timeout.
 *
 * <p>Exit status: 0 when the table or tree was printed, 1 when the target could not be read, has no event loop, or
 * (pstree) its await graph has a cycle, 2 for a usage error.
 */
public final class TaskDumpTool {
    private TaskDumpTool() {
    }

    /**
     * Runs the tool: {@code ps PID} or {@code pstree PID}; exits the JVM with the status described above.
     *
     * @param args the command and the PID
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The tool without the exit: the status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !(args[0].equals("ps") || args[0].equals("pstree"))) {
            err.println("usage: ps PID | pstree PID");
            return 2;
        }
        long pid;
        try {
            pid = Long.parseLong(args[1]);
            if (pid <= 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            err.println("asyncio4j " + args[0] + ": not a PID: " + Sanitizer.clean(args[1]));
            return 2;
        }
        String text;
        try {
            text = Attacher.fetch(pid);
        } catch (Attacher.ToolException e) {
            err.println("asyncio4j " + args[0] + ": " + e.getMessage());
            return 1;
        }
        return render(args[0], pid, text, out, err);
    }

    /** Parses the dump {@code text} of {@code pid} and prints it as {@code command} does. */
    static int render(String command, long pid, String text, PrintStream out, PrintStream err) {
        Snapshot snapshot;
        try {
            snapshot = SnapshotParser.parse(text);
        } catch (SnapshotParser.MalformedSnapshotException e) {
            err.println("asyncio4j " + command + ": PID " + pid + " sent a malformed task dump (" + e.getMessage()
                    + "); nothing of it is shown");
            return 1;
        }
        if (snapshot.loops().isEmpty()) {
            err.println("asyncio4j " + command + ": PID " + pid + " runs asyncio4j but has no event loop open");
            return 1;
        }
        if (command.equals("ps")) {
            for (String line : TaskTable.render(TaskTable.build(snapshot))) {
                out.println(line);
            }
        } else {
            List<List<String>> trees;
            try {
                trees = TaskTree.build(snapshot);
            } catch (TaskTree.CycleFoundException e) {
                for (String line : e.lines()) {
                    err.println(line);
                }
                return 1;
            }
            for (List<String> tree : trees) {
                out.println(String.join(System.lineSeparator(), tree));
            }
        }
        for (String note : snapshot.notes()) {
            err.println("asyncio4j " + command + ": note: " + Sanitizer.clean(note));
        }
        for (Snapshot.Loop loop : snapshot.loops()) {
            if (loop.how().equals("direct")) {
                err.println("asyncio4j " + command + ": note: the loop on thread " + loop.threadId() + " ("
                        + Sanitizer.clean(loop.threadName()) + ") did not answer within 250 ms: it is stuck in a "
                        + "callback or a task; its tasks were read without its help");
            }
        }
        return 0;
    }
}
