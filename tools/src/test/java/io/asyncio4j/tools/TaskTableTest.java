package io.asyncio4j.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ps}'s table: CPython 3.14's {@code Lib/test/test_asyncio/test_tools.py} ({@code TEST_INPUTS_TABLE}), each
 * task given the frames it awaits with (its coroutine stack, the column CPython 3.14 added), and the rendering of
 * {@code _display_awaited_by_tasks_table} (checked against CPython's own f-strings, run with python3).
 */
class TaskTableTest {
    static Snapshot.TaskInfo task(long id, String name, List<String> frames, long... awaitedBy) {
        List<Snapshot.Frame> fs = new ArrayList<>();
        for (String f : frames) {
            fs.add(new Snapshot.Frame(f, "", 0));
        }
        List<Long> by = new ArrayList<>();
        for (long b : awaitedBy) {
            by.add(b);
        }
        return new Snapshot.TaskInfo(id, name, fs, by);
    }

    static final List<String> AWAITER = List.of("awaiter3", "awaiter2", "awaiter");
    static final List<String> AWAITER1 = List.of("awaiter1_3", "awaiter1_2", "awaiter1");
    static final List<String> MAIN = List.of("_aexit", "__aexit__", "main");
    static final List<String> BLOCH = List.of("_aexit", "__aexit__", "blocho_caller", "bloch");

    static List<String> row(long tid, String id, String name, String stack, String chain, String awaiter,
                            String awaiterId) {
        return List.of(Long.toString(tid), id, name, stack, chain, awaiter, awaiterId);
    }

    @Test
    void aTimerAwaitedInTwoSubtasksOfATaskGroup() {
        Snapshot s = new Snapshot(List.of(new Snapshot.Loop(1, "MainThread", "cooperative", List.of(
                task(2, "Task-1", MAIN),
                task(3, "timer", List.of(), 4, 5, 6, 7),
                task(8, "root1", BLOCH, 2),
                task(9, "root2", BLOCH, 2),
                task(4, "child1_1", AWAITER, 8),
                task(6, "child2_1", AWAITER1, 8),
                task(7, "child1_2", AWAITER, 9),
                task(5, "child2_2", AWAITER1, 9)))), List.of());
        String main = "_aexit -> __aexit__ -> main";
        String bloch = "_aexit -> __aexit__ -> blocho_caller -> bloch";
        String aw = "awaiter3 -> awaiter2 -> awaiter";
        String aw1 = "awaiter1_3 -> awaiter1_2 -> awaiter1";
        assertThat(TaskTable.build(s)).containsExactly(
                row(1, "0x2", "Task-1", main, "", "", "0x0"),
                row(1, "0x3", "timer", "", aw, "child1_1", "0x4"),
                row(1, "0x3", "timer", "", aw1, "child2_2", "0x5"),
                row(1, "0x3", "timer", "", aw1, "child2_1", "0x6"),
                row(1, "0x3", "timer", "", aw, "child1_2", "0x7"),
                row(1, "0x8", "root1", bloch, main, "Task-1", "0x2"),
                row(1, "0x9", "root2", bloch, main, "Task-1", "0x2"),
                row(1, "0x4", "child1_1", aw, bloch, "root1", "0x8"),
                row(1, "0x6", "child2_1", aw1, bloch, "root1", "0x8"),
                row(1, "0x7", "child1_2", aw, bloch, "root2", "0x9"),
                row(1, "0x5", "child2_2", aw1, bloch, "root2", "0x9"));
    }

    @Test
    void twoRoots() {
        Snapshot s = new Snapshot(List.of(
                new Snapshot.Loop(9, "a", "cooperative", List.of(task(5, "Task-5", List.of("main2")),
                        task(6, "Task-6", List.of(), 5), task(7, "Task-7", List.of(), 5), task(8, "Task-8", List.of(), 5))),
                new Snapshot.Loop(10, "b", "cooperative", List.of(task(1, "Task-1", List.of("main")),
                        task(2, "Task-2", List.of(), 1), task(3, "Task-3", List.of(), 1), task(4, "Task-4", List.of(), 1))),
                new Snapshot.Loop(11, "c", "idle", List.of())), List.of());
        assertThat(TaskTable.build(s)).containsExactly(
                row(9, "0x5", "Task-5", "main2", "", "", "0x0"),
                row(9, "0x6", "Task-6", "", "main2", "Task-5", "0x5"),
                row(9, "0x7", "Task-7", "", "main2", "Task-5", "0x5"),
                row(9, "0x8", "Task-8", "", "main2", "Task-5", "0x5"),
                row(10, "0x1", "Task-1", "main", "", "", "0x0"),
                row(10, "0x2", "Task-2", "", "main", "Task-1", "0x1"),
                row(10, "0x3", "Task-3", "", "main", "Task-1", "0x1"),
                row(10, "0x4", "Task-4", "", "main", "Task-1", "0x1"));
    }

    @Test
    void anAwaiterOutsideTheDumpIsUnknown() {
        Snapshot s = new Snapshot(List.of(new Snapshot.Loop(1, "m", "direct", List.of(task(1, "a", List.of(), 0x99)))),
                List.of());
        assertThat(TaskTable.build(s)).containsExactly(row(1, "0x1", "a", "", "", "Unknown", "0x99"));
    }

    @Test
    void renderedAsCpythonsTable() {
        // The expected lines are the output of CPython's _display_awaited_by_tasks_table f-strings on these rows.
        List<String> lines = TaskTable.render(List.of(
                row(1, "0x2", "Task-1", "_aexit -> __aexit__ -> main", "", "", "0x0"),
                row(1, "0x3", "timer", "", "awaiter3 -> awaiter2 -> awaiter", "child1_1", "0x4")));
        assertThat(lines).containsExactly(
                "tid        task id              task name            coroutine stack                                    "
                        + "awaiter chain                                      awaiter name    awaiter id     ",
                "-".repeat(180),
                "1          0x2                  Task-1               _aexit -> __aexit__ -> main                        "
                        + "                                                                   0x0            ",
                "1          0x3                  timer                                                                   "
                        + "awaiter3 -> awaiter2 -> awaiter                    child1_1        0x4            ");
    }

    @Test
    void cellsFromTheTargetAreSanitized() {
        List<String> lines = TaskTable.render(List.of(row(1, "0x2", "\u001b]0;pwned\u0007", "a\rb", "", "", "0x0")));
        assertThat(lines.get(2)).startsWith("1          0x2                  \\x1b]0;pwned\\x07     a\\x0db")
                .doesNotContain("\u001b", "\r", "\u0007");
    }
}
