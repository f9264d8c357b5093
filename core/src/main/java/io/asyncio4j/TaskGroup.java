package io.asyncio4j;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPython 3.12's {@code asyncio.TaskGroup}: structured concurrency. {@link #run(Body)} runs the body in the current
 * task with a group in which it (and the group's own tasks) may create tasks; it returns only when every task of the
 * group has finished.
 *
 * <pre>{@code
 * List<Task<String>> tasks = TaskGroup.run(tg -> List.of(
 *         tg.createTask(() -> fetch("a").await()),
 *         tg.createTask(() -> fetch("b").await()))).await();   // returns once both tasks have finished
 * List<String> pages = tasks.stream().map(Task::result).toList();
 * }</pre>
 * The body returns the tasks, not their results: it returns before they finish, and the group then waits for them
 * (CPython's {@code task.result()} after the {@code async with} block).
 *
 * <p><b>Failures.</b> The first task that fails (or the body, by throwing) makes the group abort: every unfinished
 * task of the group is cancelled and so is the body, which the group does by cancelling the current task and
 * taking that cancel back when it exits (the task's {@link Task#cancelling()} count is what it was). Once all tasks
 * have finished, an {@link ExceptionGroup} holding every failure, children's first in the order they happened and
 * the body's last, is thrown; groups nest, so an inner group's failure is one exception of the outer's.
 * {@link CancelledError}s of the children are not failures. A {@link VirtualMachineError} is not grouped: it is
 * thrown as it is, after the tasks have finished.
 *
 * <p><b>Cancellation.</b> If the task running the group is cancelled from outside (its body or the group's final
 * wait is interrupted by a {@code CancelledError} the group did not cause), the group cancels its tasks, waits for
 * them and then throws that {@code CancelledError}: it is never swallowed. Failures of the tasks take priority over
 * it (they are thrown in the {@code ExceptionGroup} instead).
 *
 * <p><b>Cancelling the group.</b> {@link #cancel()} (CPython 3.15) cancels the group's tasks and its body and ends
 * the group without an error: the way to stop everything in a group on purpose, where CPython 3.12 code raises a
 * made-up exception in a task and catches it around the group.
 *
 * <p><b>Threads.</b> A group belongs to the loop and task that run it: call {@link #createTask}
 * and {@link #cancel()} on the loop's thread (from the body or from tasks and callbacks of the same loop). Creating
 * a task after the group has finished, or while it is aborting or cancelled, throws {@link IllegalStateException}.
 */
public final class TaskGroup {
    /**
     * The body of a group: creates tasks with {@code tg} and may await anything meanwhile.
     *
     * @param <T> the type of the body's result
     */
    @FunctionalInterface
    public interface Body<T> {
        /**
         * Runs the body in the awaiting task.
         *
         * @param tg the group, to create tasks in
         * @return the body's result, returned once every task of the group has finished
         * @throws Exception any exception; it fails the group as a task's exception does
         */
        T run(TaskGroup tg) throws Exception;
    }

    private final BaseEventLoop loop;
    private final Task<?> parent;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    private Throwable baseError;
    private Future<Boolean> onCompleted;

    private TaskGroup(Task<?> parent) {
        this.parent = parent;
        this.loop = parent.loop;
    }

    /**
     * A coroutine that runs {@code body} with a new group in the awaiting task ({@code async with TaskGroup() as
     * tg}) and returns the body's result once every task of the group has finished.
     *
     * <p>The first failure (of the body or of a task) cancels the group's other tasks and the body; once all have
     * finished the failures are thrown together. Cancelling the awaiting task from outside cancels the group's tasks
     * too, and the {@link CancelledError} is thrown once they have finished. CPython's {@code asyncio.TaskGroup}.
     *
     * @param <T> the type of the body's result
     * @param body the body, run in the awaiting task
     * @return a coroutine to await inside a task, giving the body's result
     * @throws NullPointerException if {@code body} is null
     * @throws ExceptionGroup (when awaited) if the body or a task of the group failed
     */
    @CheckReturnValue
    public static <T> Coro<T> run(Body<T> body) {
        if (body == null) {
            throw new NullPointerException("TaskGroup.run: the body is null");
        }
        return Coro.named("TaskGroup.run", () -> new TaskGroup(Tasks.requireCurrentTask("TaskGroup.run()")).runBody(body));
    }

    /**
     * Creates a task of this group; see {@link #createTask(Coro, String)}.
     *
     * @param <R> the type of the coroutine's result
     * @param coro the coroutine the task runs
     * @return the new task, named {@code Task-N}
     */
    public <R> Task<R> createTask(Coro<R> coro) {
        return createTask(coro, null);
    }

    /**
     * Creates a task of this group, named {@code name} (null: the default {@code Task-N}). CPython's
     * {@code TaskGroup.create_task}; call it on the loop's thread.
     *
     * @param <R> the type of the coroutine's result
     * @param coro the coroutine the task runs
     * @param name the task's name, or {@code null}
     * @return the new task; its failure fails the group
     * @throws IllegalStateException if the group has finished or is shutting down after a failure
     */
    public <R> Task<R> createTask(Coro<R> coro, String name) {
        if (coro == null) {
            throw new NullPointerException("TaskGroup.createTask: the coroutine is null");
        }
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<R> task = loop.createTask(coro, name);
        if (task.done()) {
            // An eager task that finished in createTask: handled now, as CPython 3.12 does, not an iteration later.
            onTaskDone(task);
        } else {
            tasks.add(task);
            task.groupParent = parent; // awaited by the group's task (call graphs)
            task.addDoneCallback(this::onTaskDone);
        }
        return task;
    }

    /**
     * Cancels the group: every unfinished task of the group is cancelled, and so is the body (the awaiting task
     * gets a {@link CancelledError} at its current or next suspension), and the group then ends <em>without</em>
     * that error: {@link #run(Body)}'s coroutine returns once every task has finished, giving the body's result, or
     * {@code null} if the body was ended by this cancel. The awaiting task's {@link Task#cancelling()} count is
     * what it was. Failures of tasks still fail the group ({@link ExceptionGroup}), and a cancel of the awaiting
     * task from outside still propagates, as always. After this call, {@link #createTask} throws
     * {@link IllegalStateException}. CPython 3.15's {@code TaskGroup.cancel()}.
     *
     * <pre>{@code
     * TaskGroup.run(tg -> {
     *     tg.createTask(() -> { serve(); return null; });
     *     tg.createTask(() -> { shutdownRequested.waitSet().await(); tg.cancel(); return null; });
     *     return null;
     * }).await();   // returns normally once shutdown is requested and the server task is cancelled
     * }</pre>
     *
     * <p>Idempotent, and does nothing once the group has finished. May be called from the body, from the group's
     * tasks, or from callbacks and other tasks of the loop, on the loop's thread. (CPython's group can also be
     * cancelled before it is entered; a Java group exists only once {@link #run(Body)} runs, so that case does not
     * arise.)
     *
     * <p>Follows CPython's main-branch {@code Lib/asyncio/taskgroups.py} and {@code test_taskgroups.py}:
     * {@code test_taskgroup_cancel_before_create_task}, and {@code test_taskgroup_cancel_keeps_outer_cancellation}
     * (gh-155433: a cancel from outside that arrives while a cancelled group waits for its tasks is thrown, not
     * lost).
     */
    public void cancel() {
        loop.checkThread();
        if (exiting && tasks.isEmpty()) {
            return; // finished: nothing to cancel
        }
        if (!aborting) {
            abort();
            if (!parentCancelRequested) {
                parentCancelRequested = true; // exit() takes this cancel back
                parent.cancel();
            }
        }
    }

    private <T> T runBody(Body<T> body) {
        T result;
        try {
            result = body.run(this);
        } catch (Carrier.TaskDestroyed e) {
            throw e; // the loop was closed: nothing can be awaited any more
        } catch (Throwable e) {
            exit(e);
            if (e instanceof CancelledError) {
                return null; // the body was ended by cancel(), which ends the group without an error
            }
            throw Tasks.sneakyThrow(e);
        }
        exit(null);
        return result;
    }

    /**
     * CPython's {@code __aexit__}: waits for every task, then throws what the group must throw, if anything. The
     * order is CPython 3.13's, which fixed two 3.12 bugs: the group's own cancel of the task is taken back only
     * after the wait (3.12 leaked it when a task failed while the group was already waiting), and a cancel from
     * outside that arrives with failures is re-armed rather than lost.
     */
    private void exit(Throwable exc) {
        exiting = true;
        if (exc instanceof VirtualMachineError && baseError == null) {
            baseError = exc;
        }
        Throwable propagateCancellation = exc instanceof CancelledError ? exc : null;
        if (exc != null && !aborting) {
            abort();
        }
        CancelledError pendingCancellation = null;
        while (!tasks.isEmpty()) {
            if (onCompleted == null) {
                onCompleted = loop.createFuture();
            }
            try {
                parent.awaitFuture(onCompleted);
            } catch (CancelledError e) {
                pendingCancellation = e;
                if (!aborting) {
                    propagateCancellation = e; // the task running the group is being cancelled from outside
                    abort();
                }
            }
            onCompleted = null;
        }
        if (baseError != null) {
            throw Tasks.sneakyThrow(baseError);
        }
        if (parentCancelRequested) {
            if (parent.uncancel() == 0) {
                propagateCancellation = null; // the only cancel left was ours
                // CPython 3.15's group relies on 3.13's uncancel(), which at zero also drops a cancel not yet
                // delivered: ours, when cancel() came from the body and the body did not suspend after it.
                // Task.uncancel() keeps 3.12's rule, so the group drops its own here.
                parent.mustCancel = false;
            } else if (propagateCancellation == null) {
                propagateCancellation = pendingCancellation; // gh-155433: the one left is not ours: keep it
            }
        }
        if (propagateCancellation != null && errors.isEmpty()) {
            throw (CancelledError) propagateCancellation;
        }
        if (exc != null && !(exc instanceof CancelledError)) {
            errors.add(exc);
        }
        if (!errors.isEmpty()) {
            if (parent.cancelling() > 0) {
                // Cancelled from outside too: keep that cancel pending for the task's next await.
                parent.uncancel();
                parent.cancel();
            }
            throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
        }
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.done()) {
                t.cancel();
            }
        }
    }

    private void onTaskDone(Future<?> task) {
        tasks.remove(task);
        ((Task<?>) task).groupParent = null;
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.done()) {
            onCompleted.setResult(true);
        }
        if (task.cancelled()) {
            return;
        }
        Throwable exc = task.retrieveException();
        if (exc == null) {
            return;
        }
        errors.add(exc);
        if (exc instanceof VirtualMachineError && baseError == null) {
            baseError = exc;
        }
        if (parent.done()) {
            loop.callExceptionHandler(Map.of(
                    "message", "Task " + task + " has errored out but its parent task " + parent
                            + " is already completed",
                    "exception", exc,
                    "task", task));
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Abort whatever the body is awaiting; exit() takes this cancel back.
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<TaskGroup");
        if (!tasks.isEmpty()) {
            sb.append(" tasks=").append(tasks.size());
        }
        if (!errors.isEmpty()) {
            sb.append(" errors=").append(errors.size());
        }
        sb.append(aborting ? " cancelling" : " entered");
        return sb.append('>').toString();
    }
}
