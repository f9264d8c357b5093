package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.AwaitFoo.foo;

import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.三 "callback", the experiment: all of the main coroutine's lines
 * print before the task's first step, and the done callback runs outside the coroutine, when {@code asyncio.run}
 * cancels the task on the way out.
 *
 * <p>The seed marks a 1 s wait before {@code well done}; there is none: the task is cancelled in its sleep as
 * soon as the main coroutine returns, and the callback runs at once (the twin's test checks the loop's clock).
 */
public final class DoneCallbackRunsAfterMain {
    private DoneCallbackRunsAfterMain() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("this is a");
            createTask(foo(out, "text", 1)).addDoneCallback(y -> out.println("well done"));
            out.println("finished");
            out.println("really finished");
            out.println("really really finished");
            return null;
        });
    }
}
