package io.asyncio4j.management;

/**
 * The management interface of {@link TaskDump}: what {@code ./asyncio4j ps PID} and {@code pstree PID} read from a
 * running JVM through JMX.
 */
public interface TaskDumpMBean {
    /**
     * A snapshot of every unfinished task of every event loop of this JVM that is not closed: each loop's thread,
     * each task's name, the frames of its coroutine (innermost first) and the tasks awaiting it, as text in the
     * line format described by {@link TaskDump}.
     *
     * @return the snapshot; never null
     */
    String dump();
}
