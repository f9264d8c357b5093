package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rule for CPython's exception types (docs/python-to-java.md), with CPython's messages: a {@code ValueError} about an argument
 * is an {@link IllegalArgumentException}; a {@code ValueError} that no argument caused, only the object's state
 * (one release or {@code task_done()} too many), and a {@code RuntimeError}, are {@link IllegalStateException}s.
 * The lines are what CPython 3.12.1 prints for:
 *
 * <pre>{@code
 * def show(label, fn):
 *     try:
 *         fn(); print(label, "-> no error")
 *     except BaseException as e:
 *         print(label, "->", type(e).__name__ + ":", e)
 * async def main():
 *     show("Semaphore(-1)", lambda: asyncio.Semaphore(-1))
 *     b = asyncio.BoundedSemaphore(1)
 *     show("BoundedSemaphore over-release", b.release)
 *     q = asyncio.Queue()
 *     show("task_done too often", q.task_done)
 *     show("Barrier(0)", lambda: asyncio.Barrier(0))
 *     show("get_nowait empty", q.get_nowait)
 *     q1 = asyncio.Queue(1); q1.put_nowait(1)
 *     show("put_nowait full", lambda: q1.put_nowait(2))
 *     show("ExceptionGroup empty", lambda: ExceptionGroup("x", []))
 *     show("Lock release unlocked", asyncio.Lock().release)
 *     try:
 *         await asyncio.wait([])
 *     except BaseException as e:
 *         print("wait([]) ->", type(e).__name__ + ":", e)
 * }</pre>
 *
 * with {@code IllegalArgumentException} written as the {@code ValueError} it stands for; where the Java lines say
 * {@code IllegalStateException}, CPython says {@code ValueError} (the over-release, {@code task_done()}) and
 * {@code RuntimeError} (the lock).
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PythonExceptionRuleTest {

    private static void show(List<String> out, String label, Callable<?> fn) {
        try {
            fn.call();
            out.add(label + " -> no error");
        } catch (Throwable e) {
            String type = e instanceof IllegalArgumentException ? "ValueError"
                    : e instanceof IllegalStateException ? "IllegalStateException" : e.getClass().getSimpleName();
            out.add(label + " -> " + type + ": " + (e.getMessage() == null ? "" : e.getMessage()));
        }
    }

    @Test
    void valueErrorsOfArgumentsAreIllegalArgumentOthersIllegalStateWithCPythonsMessages() {
        List<String> out = VirtualTime.run(() -> {
            List<String> lines = new ArrayList<>();
            show(lines, "Semaphore(-1)", () -> new Semaphore(-1));
            BoundedSemaphore b = new BoundedSemaphore(1);
            show(lines, "BoundedSemaphore over-release", () -> {
                b.release();
                return null;
            });
            Queue<Integer> q = new Queue<>();
            show(lines, "task_done too often", () -> {
                q.taskDone();
                return null;
            });
            show(lines, "Barrier(0)", () -> new Barrier(0));
            show(lines, "get_nowait empty", q::getNowait);
            Queue<Integer> q1 = new Queue<>(1);
            q1.putNowait(1);
            show(lines, "put_nowait full", () -> {
                q1.putNowait(2);
                return null;
            });
            show(lines, "ExceptionGroup empty", () -> new ExceptionGroup("x", List.of()));
            show(lines, "Lock release unlocked", () -> {
                new Lock().release();
                return null;
            });
            show(lines, "wait([])", () -> Asyncio.wait(List.<Future<Object>>of()).await());
            return lines;
        });
        assertThat(out).containsExactly(
                "Semaphore(-1) -> ValueError: Semaphore initial value must be >= 0",
                "BoundedSemaphore over-release -> IllegalStateException: BoundedSemaphore released too many times",
                "task_done too often -> IllegalStateException: task_done() called too many times",
                "Barrier(0) -> ValueError: parties must be > 0",
                "get_nowait empty -> QueueEmpty: ",
                "put_nowait full -> QueueFull: ",
                "ExceptionGroup empty -> ValueError: second argument (exceptions) must be a non-empty sequence",
                "Lock release unlocked -> IllegalStateException: Lock is not acquired.",
                "wait([]) -> ValueError: Set of Tasks/Futures is empty.");
    }
}
