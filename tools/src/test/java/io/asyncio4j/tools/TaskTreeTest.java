package io.asyncio4j.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code pstree}'s tree and cycles: CPython 3.14's {@code Lib/test/test_asyncio/test_tools.py}
 * ({@code TEST_INPUTS_TREE}, {@code TEST_INPUTS_CYCLES_TREE}), its inputs transcribed into the index that
 * {@code asyncio.tools._index} makes of them.
 */
class TaskTreeTest {
    /** CPython's index of an input: tasks {@code (id, name, [[stack, parent], ...])} per thread, flattened. */
    static final class Index {
        final Map<Long, String> id2name = new LinkedHashMap<>();
        final List<TaskTree.Await> awaits = new ArrayList<>();

        Index task(long id, String name, Object... awaitedBy) {
            id2name.put(id, name);
            for (int i = 0; i < awaitedBy.length; i += 2) {
                @SuppressWarnings("unchecked")
                List<String> stack = (List<String>) awaitedBy[i];
                awaits.add(new TaskTree.Await(((Number) awaitedBy[i + 1]).longValue(), stack, id));
            }
            return this;
        }

        List<List<String>> tree() throws TaskTree.CycleFoundException {
            return TaskTree.build(id2name, awaits, Map.of());
        }
    }

    static final List<String> AWAITER = List.of("awaiter3 /path/to/app.py:130", "awaiter2 /path/to/app.py:120",
            "awaiter /path/to/app.py:110");
    static final List<String> AWAITER_B = List.of("awaiterB3 /path/to/app.py:190", "awaiterB2 /path/to/app.py:180",
            "awaiterB /path/to/app.py:170");
    static final List<String> MAIN = List.of("_aexit", "__aexit__", "main");
    static final List<String> BLOCH = List.of("_aexit", "__aexit__", "blocho_caller", "bloch");

    @Test
    void aTimerAwaitedInTwoSubtasksOfATaskGroup() throws Exception {
        Index in = new Index()
                .task(2, "Task-1")
                .task(3, "timer", AWAITER, 4, AWAITER_B, 5, AWAITER_B, 6, AWAITER, 7)
                .task(8, "root1", MAIN, 2)
                .task(9, "root2", MAIN, 2)
                .task(4, "child1_1", BLOCH, 8)
                .task(6, "child2_1", BLOCH, 8)
                .task(7, "child1_2", BLOCH, 9)
                .task(5, "child2_2", BLOCH, 9);
        assertThat(in.tree()).containsExactly(List.of(
                "└── (T) Task-1",
                "    └──  main",
                "        └──  __aexit__",
                "            └──  _aexit",
                "                ├── (T) root1",
                "                │   └──  bloch",
                "                │       └──  blocho_caller",
                "                │           └──  __aexit__",
                "                │               └──  _aexit",
                "                │                   ├── (T) child1_1",
                "                │                   │   └──  awaiter /path/to/app.py:110",
                "                │                   │       └──  awaiter2 /path/to/app.py:120",
                "                │                   │           └──  awaiter3 /path/to/app.py:130",
                "                │                   │               └── (T) timer",
                "                │                   └── (T) child2_1",
                "                │                       └──  awaiterB /path/to/app.py:170",
                "                │                           └──  awaiterB2 /path/to/app.py:180",
                "                │                               └──  awaiterB3 /path/to/app.py:190",
                "                │                                   └── (T) timer",
                "                └── (T) root2",
                "                    └──  bloch",
                "                        └──  blocho_caller",
                "                            └──  __aexit__",
                "                                └──  _aexit",
                "                                    ├── (T) child1_2",
                "                                    │   └──  awaiter /path/to/app.py:110",
                "                                    │       └──  awaiter2 /path/to/app.py:120",
                "                                    │           └──  awaiter3 /path/to/app.py:130",
                "                                    │               └── (T) timer",
                "                                    └── (T) child2_2",
                "                                        └──  awaiterB /path/to/app.py:170",
                "                                            └──  awaiterB2 /path/to/app.py:180",
                "                                                └──  awaiterB3 /path/to/app.py:190",
                "                                                    └── (T) timer"));
    }

    @Test
    void twoRoots() throws Exception {
        Index in = new Index()
                .task(5, "Task-5").task(6, "Task-6", List.of("main2"), 5).task(7, "Task-7", List.of("main2"), 5)
                .task(8, "Task-8", List.of("main2"), 5)
                .task(1, "Task-1").task(2, "Task-2", List.of("main"), 1).task(3, "Task-3", List.of("main"), 1)
                .task(4, "Task-4", List.of("main"), 1);
        assertThat(in.tree()).containsExactly(
                List.of("└── (T) Task-5", "    └──  main2", "        ├── (T) Task-6", "        ├── (T) Task-7",
                        "        └── (T) Task-8"),
                List.of("└── (T) Task-1", "    └──  main", "        ├── (T) Task-2", "        ├── (T) Task-3",
                        "        └── (T) Task-4"));
    }

    @Test
    void twoRootsOneWithoutSubtasks() throws Exception {
        Index in = new Index()
                .task(2, "Task-5")
                .task(4, "Task-1").task(5, "Task-2", List.of("main"), 4).task(6, "Task-3", List.of("main"), 4)
                .task(7, "Task-4", List.of("main"), 4);
        assertThat(in.tree()).containsExactly(
                List.of("└── (T) Task-5"),
                List.of("└── (T) Task-1", "    └──  main", "        ├── (T) Task-2", "        ├── (T) Task-3",
                        "        └── (T) Task-4"));
    }

    @Test
    void twoTasksAwaitingEachOtherAreACycle() {
        Index in = new Index()
                .task(2, "Task-1")
                .task(3, "a", List.of("awaiter2"), 4, List.of("main"), 2)
                .task(4, "b", List.of("awaiter"), 3);
        assertThatThrownBy(in::tree).isInstanceOfSatisfying(TaskTree.CycleFoundException.class, e -> {
            assertThat(e.cycles).containsExactly(List.of(4L, 3L, 4L));
            assertThat(e.lines()).containsExactly("ERROR: await-graph contains cycles - cannot print a tree!", "",
                    "cycle: b → a → b");
        });
    }

    @Test
    void twoCycles() {
        List<String> nested = List.of("nested", "nested");
        Index in = new Index()
                .task(2, "Task-1")
                .task(3, "A", List.of("nested", "nested", "task_b"), 4)
                .task(4, "B", List.of("nested", "nested", "task_c"), 5, List.of("nested", "nested", "task_a"), 3)
                .task(5, "C", nested, 6)
                .task(6, "Task-2", List.of("nested", "nested", "task_b"), 4);
        assertThatThrownBy(in::tree).isInstanceOfSatisfying(TaskTree.CycleFoundException.class,
                e -> assertThat(e.cycles).containsExactly(List.of(4L, 3L, 4L), List.of(4L, 6L, 5L, 4L)));
    }

    @Test
    void aTaskNobodyAwaitsAndThatAwaitsNobodyShowsItsOwnFrames() throws Exception {
        // CPython's "coroutine stacks for leaf tasks": a leaf task's frames hang below it, outermost first.
        Snapshot s = new Snapshot(List.of(new Snapshot.Loop(1, "main", "cooperative", List.of(
                new Snapshot.TaskInfo(1, "main", List.of(new Snapshot.Frame("Main.child", "a/Main.java", 7),
                        new Snapshot.Frame("Main.main", "a/Main.java", 3)), List.of()),
                new Snapshot.TaskInfo(2, "child", List.of(new Snapshot.Frame("Main.leaf", "a/Main.java", 12)),
                        List.of(1L))))), List.of());
        assertThat(TaskTree.build(s)).containsExactly(List.of(
                "└── (T) main",
                "    └──  Main.main a/Main.java:3",
                "        └──  Main.child a/Main.java:7",
                "            └── (T) child",
                "                └──  Main.leaf a/Main.java:12"));
    }

    @Test
    void labelsFromTheTargetAreSanitized() throws Exception {
        Index in = new Index().task(1, "evil\u001b[2J\nname").task(2, "x", List.of("f\u009b31m"), 1);
        assertThat(in.tree().get(0)).containsExactly("└── (T) evil\\x1b[2J\\x0aname", "    └──  f\\x9b31m",
                "        └── (T) x");
    }

    @Test
    void aDeepChainRendersWithoutRecursion() throws Exception {
        Index in = new Index().task(0, "t0");
        for (int i = 1; i < 20_000; i++) {
            in.task(i, "t" + i, List.of(), i - 1);
        }
        List<List<String>> trees = in.tree();
        assertThat(trees).hasSize(1);
        assertThat(trees.get(0)).hasSize(20_000);
    }
}
