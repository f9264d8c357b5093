package io.asyncio4j;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code io.asyncio4j.TaskFinished}: a task's life, from its creation (the event's start) to its end
 * (the event's end), with its name and how it ended. Disabled by default (one per task, as the JDK's
 * {@code jdk.VirtualThreadEnd}): a recording enables it ({@code +io.asyncio4j.TaskFinished#enabled=true}), and a
 * {@code threshold} keeps only the tasks that lived that long. Only tasks created while the event was enabled are
 * recorded. Committed on the loop's thread right after the step in which the task ended (or as its loop closes),
 * with no stack trace: the stack of a body that returned says nothing.
 */
@Name("io.asyncio4j.TaskFinished")
@Label("Task Finished")
@Category({"asyncio4j", "Tasks"})
@Description("A task's life from its creation to its end, with how it ended")
@StackTrace(false)
@Enabled(false)
final class TaskFinishedEvent extends jdk.jfr.Event {
    /** Asked whether a recording wants the event (see {@link TaskCreatedEvent#PROBE}). */
    static final TaskFinishedEvent PROBE = new TaskFinishedEvent();

    /** {@link #outcome} of a task whose coroutine returned. */
    static final String RESULT = "result";
    /** {@link #outcome} of a task whose coroutine raised. */
    static final String EXCEPTION = "exception";
    /** {@link #outcome} of a cancelled task. */
    static final String CANCELLED = "cancelled";
    /** {@link #outcome} of a task still pending when its loop closed, unwound then. */
    static final String DESTROYED = "destroyed";

    @Label("Task")
    @Description("The task's name when it ended")
    String name;

    @Label("Outcome")
    @Description("result, exception, cancelled, or destroyed (pending when its loop closed)")
    String outcome;

    @Label("Exception")
    @Description("The class of the exception the task ended with, if it did")
    String exception;
}
