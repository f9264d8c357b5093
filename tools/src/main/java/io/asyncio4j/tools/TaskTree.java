package io.asyncio4j.tools;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ./asyncio4j pstree}: CPython 3.14's {@code python -m asyncio pstree} ({@code asyncio.tools.build_async_tree}):
 * the await tree, each task ({@code (T) name}) under the frames of the task awaiting it, outermost frame first;
 * tasks nobody awaits are the roots, and a task that awaits nobody shows its own frames below it. Frames are
 * {@code function file:line}. An await graph with a cycle has no tree: {@link CycleFoundException} lists the cycles.
 */
final class TaskTree {
    private TaskTree() {
    }

    /** The await graph has cycles: each a list of task ids, the first repeated at the end. */
    static final class CycleFoundException extends Exception {
        private static final long serialVersionUID = 1L;
        final transient List<List<Long>> cycles;
        final transient Map<Long, String> id2name;

        CycleFoundException(List<List<Long>> cycles, Map<Long, String> id2name) {
            super("await-graph contains cycles");
            this.cycles = cycles;
            this.id2name = id2name;
        }

        /** CPython's error text: the error line, an empty line, one {@code cycle: a → b → a} line per cycle. */
        List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add("ERROR: await-graph contains cycles - cannot print a tree!");
            out.add("");
            for (List<Long> c : cycles) {
                List<String> names = new ArrayList<>();
                for (long id : c) {
                    String n = id2name.get(id);
                    names.add(Sanitizer.clean(n != null ? n : TaskTable.hex(id)));
                }
                out.add("cycle: " + String.join(" → ", names));
            }
            return out;
        }
    }

    /** One await: {@code parent} awaits {@code child}, {@code stack} being the parent's frames, innermost first. */
    record Await(long parent, List<String> stack, long child) {
    }

    /** A node: a task (by id) or a frame (by a counter). */
    private record Node(boolean task, long id) {
    }

    /** CPython's {@code _format_stack_entry}. */
    static String entry(Snapshot.Frame f) {
        return f.line() == 0 && f.file().isEmpty() ? f.function() : f.function() + " " + f.file() + ":" + f.line();
    }

    /** The trees, each a list of lines; every label sanitized. */
    static List<List<String>> build(Snapshot snapshot) throws CycleFoundException {
        Map<Long, String> id2name = new LinkedHashMap<>();
        Map<Long, List<String>> taskStacks = new HashMap<>();
        Map<Long, Snapshot.TaskInfo> byId = new HashMap<>();
        for (Snapshot.Loop loop : snapshot.loops()) {
            for (Snapshot.TaskInfo t : loop.tasks()) {
                byId.put(t.id(), t);
            }
        }
        List<Await> awaits = new ArrayList<>();
        for (Snapshot.Loop loop : snapshot.loops()) {
            for (Snapshot.TaskInfo t : loop.tasks()) {
                id2name.put(t.id(), t.name());
                if (!t.frames().isEmpty()) {
                    taskStacks.put(t.id(), entries(t.frames()));
                }
                for (long parent : t.awaitedBy()) {
                    Snapshot.TaskInfo p = byId.get(parent);
                    awaits.add(new Await(parent, p == null ? List.of() : entries(p.frames()), t.id()));
                }
            }
        }
        return build(id2name, awaits, taskStacks);
    }

    private static List<String> entries(List<Snapshot.Frame> frames) {
        List<String> out = new ArrayList<>(frames.size());
        for (Snapshot.Frame f : frames) {
            out.add(entry(f));
        }
        return out;
    }

    /** {@code build_async_tree} on CPython's index ({@code id2name}, {@code awaits}, {@code task_stacks}). */
    static List<List<String>> build(Map<Long, String> id2name, List<Await> awaits, Map<Long, List<String>> taskStacks)
            throws CycleFoundException {
        List<List<Long>> cycles = findCycles(taskGraph(awaits));
        if (!cycles.isEmpty()) {
            throw new CycleFoundException(cycles, id2name);
        }
        Map<Node, String> labels = new LinkedHashMap<>();
        for (Map.Entry<Long, String> e : id2name.entrySet()) {
            labels.put(new Node(true, e.getKey()), e.getValue());
        }
        Map<Node, List<Node>> children = new HashMap<>();
        Map<Node, Map<String, Node>> corNodes = new HashMap<>();
        long[] nextCor = {1};
        for (Await a : awaits) {
            Node cur = new Node(true, a.parent());
            labels.putIfAbsent(cur, TaskTable.hex(a.parent()));
            for (int i = a.stack().size() - 1; i >= 0; i--) {
                cur = corNode(cur, a.stack().get(i), labels, children, corNodes, nextCor);
            }
            Node child = new Node(true, a.child());
            List<Node> kids = children.computeIfAbsent(cur, k -> new ArrayList<>());
            if (!kids.contains(child)) {
                kids.add(child);
            }
        }
        Set<Long> awaiting = new HashSet<>();
        for (Await a : awaits) {
            awaiting.add(a.parent());
        }
        for (Long id : id2name.keySet()) {
            List<String> stack = taskStacks.get(id);
            if (!awaiting.contains(id) && stack != null) {
                Node cur = new Node(true, id);
                for (int i = stack.size() - 1; i >= 0; i--) {
                    cur = corNode(cur, stack.get(i), labels, children, corNodes, nextCor);
                }
            }
        }
        Set<Node> allChildren = new HashSet<>();
        for (List<Node> kids : children.values()) {
            allChildren.addAll(kids);
        }
        List<List<String>> trees = new ArrayList<>();
        for (Node n : labels.keySet()) {
            if (!allChildren.contains(n)) {
                List<String> buf = new ArrayList<>();
                render(n, "", true, buf, labels, children);
                trees.add(buf);
            }
        }
        return trees;
    }

    private static Node corNode(Node parent, String frame, Map<Node, String> labels, Map<Node, List<Node>> children,
                                Map<Node, Map<String, Node>> corNodes, long[] nextCor) {
        Map<String, Node> mine = corNodes.computeIfAbsent(parent, k -> new HashMap<>());
        Node n = mine.get(frame);
        if (n != null) {
            return n;
        }
        n = new Node(false, nextCor[0]++);
        labels.put(n, frame);
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(n);
        mine.put(frame, n);
        return n;
    }

    private static void render(Node root, String rootPrefix, boolean rootLast, List<String> buf, Map<Node, String> labels,
                               Map<Node, List<Node>> children) {
        // Iterative, so that a deep tree from a target cannot exhaust the tool's stack.
        record Item(Node node, String prefix, boolean last) {
        }
        Deque<Item> todo = new ArrayDeque<>();
        todo.push(new Item(root, rootPrefix, rootLast));
        while (!todo.isEmpty()) {
            Item it = todo.pop();
            String flag = it.node().task() ? "(T)" : "";
            buf.add(it.prefix() + (it.last() ? "└── " : "├── ") + flag + " " + Sanitizer.clean(labels.get(it.node())));
            String pref = it.prefix() + (it.last() ? "    " : "│   ");
            List<Node> kids = children.getOrDefault(it.node(), List.of());
            for (int i = kids.size() - 1; i >= 0; i--) {
                todo.push(new Item(kids.get(i), pref, i == kids.size() - 1));
            }
        }
    }

    /** {@code _task_graph}: each awaiting task's awaited tasks, in id order (CPython's set of small ints). */
    static Map<Long, Set<Long>> taskGraph(List<Await> awaits) {
        Map<Long, Set<Long>> g = new LinkedHashMap<>();
        for (Await a : awaits) {
            g.computeIfAbsent(a.parent(), k -> new TreeSet<>()).add(a.child());
        }
        return g;
    }

    /** {@code _find_cycles}: depth-first search for back edges (iterative: no recursion on a target's graph). */
    static List<List<Long>> findCycles(Map<Long, Set<Long>> graph) {
        Map<Long, Integer> color = new HashMap<>(); // absent: white, 1: grey, 2: black
        List<List<Long>> cycles = new ArrayList<>();
        for (Long start : new ArrayList<>(graph.keySet())) {
            if (color.containsKey(start)) {
                continue;
            }
            List<Long> path = new ArrayList<>();
            Deque<java.util.Iterator<Long>> its = new ArrayDeque<>();
            color.put(start, 1);
            path.add(start);
            its.push(graph.getOrDefault(start, Set.of()).iterator());
            while (!its.isEmpty()) {
                java.util.Iterator<Long> it = its.peek();
                if (it.hasNext()) {
                    Long w = it.next();
                    Integer c = color.get(w);
                    if (c == null) {
                        color.put(w, 1);
                        path.add(w);
                        its.push(graph.getOrDefault(w, Set.of()).iterator());
                    } else if (c == 1) {
                        List<Long> cycle = new ArrayList<>(path.subList(path.indexOf(w), path.size()));
                        cycle.add(w);
                        cycles.add(cycle);
                    }
                } else {
                    its.pop();
                    color.put(path.remove(path.size() - 1), 2);
                }
            }
        }
        return cycles;
    }
}
