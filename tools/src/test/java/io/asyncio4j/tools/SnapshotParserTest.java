package io.asyncio4j.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The dump's parser against well-formed and hostile replies: every bound holds, every malformation is one error. */
class SnapshotParserTest {
    static final String H = SnapshotParser.HEADER + "\n";

    @Test
    void readsLoopsTasksFramesAwaitersAndNotes() throws Exception {
        Snapshot s = SnapshotParser.parse(H
                + "L\t1\tmain\\tthread\tcooperative\n"
                + "T\t1\tTask-1\n"
                + "F\tMain.main.<lambda>\tio/x/Main.java\t12\n"
                + "T\ta\tworker\\nname \\\\ here\n"
                + "F\tMain.work\tio/x/Main.java\t30\n"
                + "F\tMain.main.<lambda>\tio/x/Main.java\t13\n"
                + "A\t1\n"
                + "L\t22\tother\tdirect\n"
                + "X\tthe dump was cut at 2 tasks\n");
        assertThat(s.loops()).hasSize(2);
        Snapshot.Loop l = s.loops().get(0);
        assertThat(l.threadId()).isEqualTo(1);
        assertThat(l.threadName()).isEqualTo("main\tthread");
        assertThat(l.tasks()).extracting(Snapshot.TaskInfo::name).containsExactly("Task-1", "worker\nname \\ here");
        assertThat(l.tasks().get(1).id()).isEqualTo(10);
        assertThat(l.tasks().get(1).frames()).containsExactly(new Snapshot.Frame("Main.work", "io/x/Main.java", 30),
                new Snapshot.Frame("Main.main.<lambda>", "io/x/Main.java", 13));
        assertThat(l.tasks().get(1).awaitedBy()).containsExactly(1L);
        assertThat(s.loops().get(1).how()).isEqualTo("direct");
        assertThat(s.loops().get(1).tasks()).isEmpty();
        assertThat(s.notes()).containsExactly("the dump was cut at 2 tasks");
    }

    @Test
    void anEmptyDumpHasNoLoops() throws Exception {
        assertThat(SnapshotParser.parse(H).loops()).isEmpty();
    }

    static void rejects(String text, String why) {
        assertThatThrownBy(() -> SnapshotParser.parse(text))
                .isInstanceOf(SnapshotParser.MalformedSnapshotException.class).hasMessageContaining(why);
    }

    @Test
    void hostileReplies() {
        rejects(null, "empty");
        rejects("", "empty");
        rejects("asyncio4j-tasks 2\n", "does not start with");
        rejects("HTTP/1.1 200 OK\n", "does not start with");
        rejects(H + "L\t1\tmain\tcooperative", "does not end with a newline");
        rejects(H + "T\t1\tx\n", "a task before any loop");
        rejects(H + "L\t1\tm\tidle\nF\tf\tfile\t1\n", "a frame outside a task");
        rejects(H + "L\t1\tm\tidle\nA\t1\n", "an awaiter outside a task");
        rejects(H + "L\t1\tm\tidle\nT\t1\tx\nT\t1\ty\n", "appears twice");
        rejects(H + "L\t1\tm\tidle\nT\t1\tx\textra\n", "4 fields, 3 expected");
        rejects(H + "L\t1\tm\n", "3 fields, 4 expected");
        rejects(H + "Q\tsomething\n", "unknown record");
        rejects(H + "\n", "unknown record");
        rejects(H + "L\t-1\tm\tidle\n", "bad number");
        rejects(H + "L\t+1\tm\tidle\n", "bad number");
        rejects(H + "L\t１\tm\tidle\n", "bad number"); // a fullwidth digit
        rejects(H + "L\t1\tm\tidle\nT\tFF\tx\n", "bad number"); // hex is lower case
        rejects(H + "L\t1\tm\tidle\nT\t0x1\tx\n", "bad number");
        rejects(H + "L\t1\tm\tidle\nT\t1234567890abcdef0\tx\n", "bad number");
        rejects(H + "L\t99999999999999999999\tm\tidle\n", "bad number");
        rejects(H + "L\t1\tm\tidle\nT\t1\tx\nF\tf\tfile\t99999999999\n", "line number out of range");
        rejects(H + "L\t1\tm\tIDLE\n", "bad word");
        rejects(H + "L\t1\tm\t" + "a".repeat(33) + "\n", "bad word");
        rejects(H + "L\t1\tm\\\tidle\n", "ends with a backslash"); // a backslash, then the tab that ends the field
        rejects(H + "L\t1\tm\\x1b\tidle\n", "unknown escape");
        rejects(H + "L\t1\tm\\\n", "");
        rejects(H + "L\t1\t" + "n".repeat(SnapshotParser.MAX_FIELD + 1) + "\tidle\n", "a field longer than");
        rejects(H + "L\t1\t" + "\\n".repeat(SnapshotParser.MAX_FIELD + 1) + "\tidle\n", "a field longer than");
    }

    @Test
    void aFieldEndingInABackslashIsRejected() {
        rejects(H + "L\t1\tm\tidle\nT\t1\tx\\\n", "ends with a backslash");
    }

    @Test
    void tooLongAReplyIsRejectedBeforeReading() {
        rejects(H + "X\t" + "x".repeat(SnapshotParser.MAX_CHARS) + "\n", "longer than");
    }

    @Test
    void tooManyTasksFramesAwaitersLoopsOrNotes() {
        StringBuilder b = new StringBuilder(H).append("L\t1\tm\tidle\n");
        for (int i = 1; i <= SnapshotParser.MAX_TASKS + 1; i++) {
            b.append("T\t").append(Integer.toHexString(i)).append("\tt\n");
        }
        rejects(b.toString(), "more than " + SnapshotParser.MAX_TASKS + " tasks");

        b = new StringBuilder(H).append("L\t1\tm\tidle\nT\t1\tt\n");
        b.append("F\tf\tfile\t1\n".repeat(SnapshotParser.MAX_FRAMES + 1));
        rejects(b.toString(), "frames in a task");

        b = new StringBuilder(H).append("L\t1\tm\tidle\nT\t1\tt\n");
        b.append("A\t2\n".repeat(SnapshotParser.MAX_AWAITERS + 1));
        rejects(b.toString(), "awaiters of a task");

        rejects(H + "L\t1\tm\tidle\n".repeat(SnapshotParser.MAX_LOOPS + 1), "loops");
        rejects(H + "X\tn\n".repeat(SnapshotParser.MAX_NOTES + 1), "notes");
    }

    @Test
    void atTheLimitsAReplyIsRead() throws Exception {
        StringBuilder b = new StringBuilder(H).append("L\t1\tm\tidle\nT\t1\tt\n");
        b.append("F\tf\tfile\t1\n".repeat(SnapshotParser.MAX_FRAMES));
        b.append("T\t2\t").append("n".repeat(SnapshotParser.MAX_FIELD)).append('\n');
        Snapshot s = SnapshotParser.parse(b.toString());
        assertThat(s.loops().get(0).tasks().get(0).frames()).hasSize(SnapshotParser.MAX_FRAMES);
        assertThat(s.loops().get(0).tasks().get(1).name()).hasSize(SnapshotParser.MAX_FIELD);
    }

    @Test
    void theToolShowsNothingOfARejectedReply() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = TaskDumpTool.render("ps", 42, H + "L\t1\t\u001b[31mred\tidle\nT\t1\tx\nT\t1\ty\n",
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines().toList()).containsExactly("asyncio4j ps: PID 42 sent a malformed task dump "
                + "(line 4: task id 1 appears twice); nothing of it is shown");
    }

    @Test
    void parsesWhatTheLibraryWrites() throws Exception {
        // The library's escaping (TaskSnapshots.escape) and this parser agree on every character.
        String name = "a\\b\tc\nd\re\u001bf\u0000g";
        String escaped = name.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        Snapshot s = SnapshotParser.parse(H + "L\t1\tm\tidle\nT\t1\t" + escaped + "\n");
        assertThat(s.loops().get(0).tasks()).extracting(Snapshot.TaskInfo::name).isEqualTo(List.of(name));
    }
}
