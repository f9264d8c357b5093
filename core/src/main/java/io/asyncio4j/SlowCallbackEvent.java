package io.asyncio4j;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JFR event {@code io.asyncio4j.SlowCallback}: a callback or a task step that held the loop's thread at least the
 * event's {@code threshold} (100 ms by default, CPython's {@code slow_callback_duration}); debug mode's warning
 * "Executing &lt;Handle ...&gt; took 0.123 seconds" as an event, recorded whether or not the loop is in debug mode.
 * Disabled by default (timing every callback costs two clock reads each, a fifth of a bare task switch): a recording
 * enables it ({@code +io.asyncio4j.SlowCallback#enabled=true}).
 * Committed on the loop's thread right after the callback, with no stack trace (the callback has returned: its
 * stack is gone, and the loop's own says nothing).
 */
@Name("io.asyncio4j.SlowCallback")
@Label("Slow Callback")
@Category({"asyncio4j", "Event Loop"})
@Description("A callback or task step that held the event loop's thread for at least the threshold")
@StackTrace(false)
@Enabled(false)
@Threshold("100 ms")
final class SlowCallbackEvent extends jdk.jfr.Event {
    /** Asked whether a recording wants the event (see {@link TaskCreatedEvent#PROBE}). */
    static final SlowCallbackEvent PROBE = new SlowCallbackEvent();

    @Label("Callback")
    @Description("The handle as debug mode names it: <Handle ...>, or the task for a task's step")
    String callback;
}
