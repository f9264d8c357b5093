package io.asyncio4j;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code io.asyncio4j.TaskCreated}: a task was created; the event lasts from its creation to the start
 * of its first step (its wait to start: none for an eager task), and names the task that created it. The whole
 * life is {@link TaskFinishedEvent}. Disabled by default (one per task, as the JDK's {@code jdk.VirtualThreadStart}):
 * a recording enables it ({@code +io.asyncio4j.TaskCreated#enabled=true}). Only tasks created while the event was
 * enabled are recorded. Committed on the loop's thread as the first step starts (or as a task cancelled before it
 * is dropped, or destroyed with its loop), with no stack trace: that is the loop's, and the creating task is named
 * instead (on the fast carrier, JFR may drop an event the loop thread commits after one committed on a task thread:
 * docs/jfr.md).
 */
@Name("io.asyncio4j.TaskCreated")
@Label("Task Created")
@Category({"asyncio4j", "Tasks"})
@Description("A task was created: from its creation to its first step, with the task that created it")
@StackTrace(false)
@Enabled(false)
final class TaskCreatedEvent extends jdk.jfr.Event {
    /**
     * Asked whether a recording wants the event, once {@link Jfr#started()} (this class is not loaded before):
     * {@code isEnabled()} of an instance reads the event type's state, two field loads.
     */
    static final TaskCreatedEvent PROBE = new TaskCreatedEvent();

    @Label("Task")
    @Description("The task's name when its first step started")
    String name;

    @Label("Creator")
    @Description("The name of the task that created it; none for a task created by a callback or outside the loop")
    String creator;

    @Label("Eager")
    @Description("Whether the task's first step ran inside the call that created it")
    boolean eager;
}
