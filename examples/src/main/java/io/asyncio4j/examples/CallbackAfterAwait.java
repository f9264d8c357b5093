package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.examples.AwaitFoo.foo;

import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;

/**
 * Seed 003 (python學習筆記, 第二十八課), section 4.三 "callback", the right way: a done callback added to a task
 * that is already done is scheduled at once with {@code call_soon}, so it runs after the coroutine's next
 * lines: {@code finished}, then {@code well done}. (The seed shows no output for this program; this is
 * CPython's.)
 */
public final class CallbackAfterAwait {
    private CallbackAfterAwait() {
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println("this is a");
            Task<Void> task = createTask(foo(out, "text", 1));
            task.await();
            task.addDoneCallback(x -> out.println("well done"));
            out.println("finished");
            return null;
        });
    }
}
