package io.asyncio4j.examples;

import io.asyncio4j.Runner;
import java.io.PrintStream;

/**
 * A seed program's Java twin. {@link #run} does what the Python program does at its top level, on the loop of
 * {@code runner} (which is also this thread's event loop, what {@code asyncio.get_event_loop()} returns), and prints
 * to {@code out} what the program prints. Whether the loop runs in virtual time or on the real clock is the
 * runner's choice; the printed lines are the same either way, apart from the times some programs print.
 */
@FunctionalInterface
public interface Twin {
    /** Runs the program on {@code runner}'s loop, printing to {@code out}. The caller closes the runner. */
    void run(Runner runner, PrintStream out) throws Exception;
}
