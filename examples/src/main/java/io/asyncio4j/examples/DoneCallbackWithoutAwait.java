package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.AwaitFoo.foo;

import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.一 "await", first program: a task with a done callback that
 * nobody awaits. The main coroutine finishes first; the task has run up to its sleep when {@code asyncio.run}
 * cancels it on the way out, and the cancellation runs the callback: {@code text}, {@code well done}, no
 * {@code done}.
 */
public final class DoneCallbackWithoutAwait {
    private DoneCallbackWithoutAwait() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("this is a");
            createTask(foo(out, "text", 1)).addDoneCallback(y -> out.println("well done"));
            out.println("finished");
            return null;
        });
    }
}
