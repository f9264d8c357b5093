package io.asyncio4j;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JFR event {@code io.asyncio4j.LoopLag}: how long a ready callback waited in the loop's ready queue before it
 * ran; the event starts when the callback became ready (its {@code callSoon}, the task's wake-up, the readiness of
 * its channel, its timer falling due, or, for one from another thread, when the loop took it in) and ends when it
 * starts running. A busy loop shows as long lags. Disabled by default (each ready callback then costs an event
 * object): a recording enables it ({@code +io.asyncio4j.LoopLag#enabled=true}), with a {@code threshold} (10 ms by
 * default). Callbacks already queued when a recording enables it count from the moment the loop notices.
 * Committed on the loop's thread, with no stack trace.
 */
@Name("io.asyncio4j.LoopLag")
@Label("Loop Lag")
@Category({"asyncio4j", "Event Loop"})
@Description("The time a ready callback waited in the event loop's ready queue before it ran")
@StackTrace(false)
@Enabled(false)
@Threshold("10 ms")
final class LoopLagEvent extends jdk.jfr.Event {
    /** Asked whether a recording wants the event (see {@link TaskCreatedEvent#PROBE}). */
    static final LoopLagEvent PROBE = new LoopLagEvent();

    @Label("Callback")
    @Description("The handle as debug mode names it: <Handle ...>, or the task for a task's step")
    String callback;
}
