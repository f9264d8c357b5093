package io.asyncio4j.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./asyncio4j ps}: CPython 3.14's {@code python -m asyncio ps} table ({@code asyncio.tools.build_task_table}
 * and its display): one row per task and awaiter (one row with empty awaiter columns and awaiter id {@code 0x0} for
 * a task nobody awaits), with the loop thread's id, the task's id and name, its coroutine stack (the functions of its
 * frames, innermost first, joined by {@code " -> "}), and the awaiter's chain, name and id.
 */
final class TaskTable {
    static final String HEADER_FORMAT = "%-10s %-20s %-20s %-50s %-50s %-15s %-15s";

    private TaskTable() {
    }

    /** The rows, unsanitized: {@code tid, task id, task name, coroutine stack, awaiter chain, awaiter name, awaiter id}. */
    static List<List<String>> build(Snapshot snapshot) {
        Map<Long, Snapshot.TaskInfo> byId = new HashMap<>();
        for (Snapshot.Loop loop : snapshot.loops()) {
            for (Snapshot.TaskInfo t : loop.tasks()) {
                byId.put(t.id(), t);
            }
        }
        List<List<String>> table = new ArrayList<>();
        for (Snapshot.Loop loop : snapshot.loops()) {
            String tid = Long.toString(loop.threadId());
            for (Snapshot.TaskInfo t : loop.tasks()) {
                String stack = chain(t.frames());
                if (t.awaitedBy().isEmpty()) {
                    table.add(List.of(tid, hex(t.id()), t.name(), stack, "", "", "0x0"));
                    continue;
                }
                for (long parent : t.awaitedBy()) {
                    Snapshot.TaskInfo p = byId.get(parent);
                    table.add(List.of(tid, hex(t.id()), t.name(), stack, p == null ? "" : chain(p.frames()),
                            p == null ? "Unknown" : p.name(), hex(parent)));
                }
            }
        }
        return table;
    }

    /** The functions of {@code frames}, innermost first, joined by {@code " -> "}. */
    static String chain(List<Snapshot.Frame> frames) {
        List<String> names = new ArrayList<>(frames.size());
        for (Snapshot.Frame f : frames) {
            names.add(f.function());
        }
        return String.join(" -> ", names);
    }

    /** Python's {@code hex()}. */
    static String hex(long id) {
        return "0x" + Long.toHexString(id);
    }

    /** The table as printed: a header, a rule of 180 dashes, the rows; every cell sanitized. */
    static List<String> render(List<List<String>> table) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(HEADER_FORMAT, "tid", "task id", "task name", "coroutine stack", "awaiter chain",
                "awaiter name", "awaiter id"));
        lines.add("-".repeat(180));
        for (List<String> row : table) {
            Object[] cells = new Object[7];
            for (int i = 0; i < 7; i++) {
                cells[i] = Sanitizer.clean(row.get(i));
            }
            lines.add(String.format(HEADER_FORMAT, cells));
        }
        return lines;
    }
}
