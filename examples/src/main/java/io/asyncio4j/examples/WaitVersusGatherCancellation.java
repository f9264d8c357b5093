package io.asyncio4j.examples;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.PrintStream;
import java.util.Set;

/**
 * Seed 000 ("同步与异步"), section "What different between wait and gather?": cancelling a task that waits in
 * {@code asyncio.wait} leaves the awaited work running ({@code Work result: done}), while cancelling a
 * {@code gather} cancels its children ({@code Work task cancelled}).
 */
public final class WaitVersusGatherCancellation {
    private WaitVersusGatherCancellation() {
    }

    static Coro<String> task(String arg) {
        return () -> {
            sleep(5).await();
            return arg;
        };
    }

    static Coro<Void> cancelWaitingTask(PrintStream out, Task<String> workTask, Future<?> waitingTask) {
        return () -> {
            sleep(2).await();
            waitingTask.cancel();
            try {
                waitingTask.await();
                out.println("Waiting done");
            } catch (CancelledError e) {
                out.println("Waiting task cancelled");
            }
            try {
                String res = workTask.await();
                out.println("Work result: " + res);
            } catch (CancelledError e) {
                out.println("Work task cancelled");
            }
            return null;
        };
    }

    public static void run(Runner runner, PrintStream out) {
        runner.run(() -> {
            out.println();
            Task<String> workTask = createTask(task("done"));
            Task<?> waiting = createTask(Asyncio.wait(Set.of(workTask)));
            cancelWaitingTask(out, workTask, waiting).await();

            workTask = createTask(task("done"));
            Future<?> gathering = gather(workTask);
            cancelWaitingTask(out, workTask, gathering).await();
            return null;
        });
    }
}
