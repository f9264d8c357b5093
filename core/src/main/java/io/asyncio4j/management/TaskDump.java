package io.asyncio4j.management;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The standard MBean that {@code ./asyncio4j ps PID} and {@code ./asyncio4j pstree PID} create in a running JVM, under
 * {@link #OBJECT_NAME}: nothing registers it at start-up; the tool attaches (the JDK's attach API), starts the
 * JVM's local management agent and creates this bean remotely the first time, so that a program pays nothing until
 * somebody looks.
 *
 * <p><b>The snapshot.</b> {@link #dump()} asks every running loop to describe its tasks (a thread-safe callback,
 * answered within 250 ms by a loop that is not stuck) and reads a loop that does not answer (a callback or a task
 * holds its thread: a hung program) directly, best effort. Each loop costs at most that wait.
 *
 * <p><b>Format</b>, version 1: the first line {@code asyncio4j-tasks 1}; then one record per line, fields separated
 * by tabs, with backslash, tab, carriage return and newline inside a field written {@code \\ \t \r \n}:
 * {@code L thread-id thread-name how} starts a loop ({@code how}: {@code cooperative}, {@code direct} or
 * {@code idle}); {@code T task-id name} a task of that loop (task ids in hex, unique in the snapshot);
 * {@code F function file line} a frame of that task, innermost first; {@code A task-id} a task awaiting it;
 * {@code X message} a note (the snapshot was cut: at most 100,000 tasks, 256 frames per task, 1,024 characters per
 * name, 8 MiB in all).
 *
 * <p>The package is exported to {@code java.management} only: the platform MBean server instantiates this class and
 * calls it; programs have no use for it.
 */
public final class TaskDump implements TaskDumpMBean {
    /** The name the tools register this bean under. */
    public static final String OBJECT_NAME = "io.asyncio4j:type=Tasks";

    /** Reaches the library's package-private dump: same module, so no export is needed. */
    private static final class Impl {
        static final MethodHandle DUMP_ALL;

        static {
            try {
                Class<?> c = Class.forName("io.asyncio4j.TaskSnapshots", true, TaskDump.class.getClassLoader());
                DUMP_ALL = MethodHandles.privateLookupIn(c, MethodHandles.lookup())
                        .findStatic(c, "dumpAll", MethodType.methodType(String.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private Impl() {
        }
    }

    /** The bean; the MBean server makes it when the tool asks for it. */
    public TaskDump() {
    }

    @Override
    public String dump() {
        try {
            return (String) Impl.DUMP_ALL.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
