package io.asyncio4j;

/**
 * Where a fast-carried task thread that blocked in the JDK (not through asyncio4j) is waiting, and whether the loop
 * may run other callbacks and tasks until it wakes ("detach" it) or must wait for it, as a blocking call blocks
 * CPython's loop.
 *
 * <p>The loop may go on when the task waits for something that another task of the same loop may be the one to
 * give, and holds nothing the loop's own thread could need meanwhile:
 * <ul>
 *   <li><b>socket I/O</b>: parked in the JDK's poller ({@code java.net.Socket}, blocking {@code SocketChannel}s);</li>
 *   <li><b>a lock of the application's</b>: a contended {@code synchronized} block or method of application code,
 *       {@code Object.wait()} called by application code, or a {@code java.util.concurrent} wait (a
 *       {@code ReentrantLock}, a {@code Condition}, {@code Semaphore}, {@code CountDownLatch}, a
 *       {@code BlockingQueue}, {@code CompletableFuture.get/join}, {@code Future.get}) called by application
 *       code;</li>
 *   <li><b>the JDK's {@code HttpClient.send}</b> and <b>{@code Process.waitFor()}</b>, which wait for other threads
 *       of the JDK without holding a lock the loop could need.</li>
 * </ul>
 * Every other wait keeps the loop waiting: a lock taken inside the JDK itself (a {@code PrintStream}'s, a socket's
 * read lock, the JDK's table of live threads, a class being loaded) may be the next one the loop's own thread needs,
 * and a loop thread queued behind a task it carries would never run that task again. {@code Thread.sleep} and
 * {@code Thread.join} also block the loop, as {@code time.sleep} and {@code Thread.join} block CPython's.
 *
 * <p>Called on the loop thread with the task thread unmounted; costs one stack walk of the task thread, which is
 * taken only when a task blocked outside asyncio4j.
 */
final class BlockedIn {
    /** How deep the poller may be in a blocked thread's stack. */
    private static final int POLLER_DEPTH = 8;

    private BlockedIn() {
    }

    /** Whether the loop may run others until {@code t}, blocked in the JDK, is made runnable again. */
    static boolean mayLetLoopGoOn(Thread t) {
        Thread.State state = t.getState();
        return mayLetLoopGoOn(state, t.getStackTrace());
    }

    /** The decision for a thread in {@code state} with {@code stack} (top first). */
    static boolean mayLetLoopGoOn(Thread.State state, StackTraceElement[] stack) {
        for (int i = 0; i < Math.min(stack.length, POLLER_DEPTH); i++) {
            if (stack[i].getClassName().equals("sun.nio.ch.Poller")) {
                return true;
            }
        }
        if (stack.length == 0) {
            return false;
        }
        if (state == Thread.State.BLOCKED) {
            // Entering a monitor: the frame that blocked is the one with the synchronized block or method.
            return !isJdk(stack[0].getClassName());
        }
        int i = 0;
        while (i < stack.length && isParking(stack[i].getClassName())) {
            i++;
        }
        if (i == 0) {
            return false; // not parked at all (a pinned native call, say): nothing to let go of
        }
        while (i < stack.length && isWaitingApi(stack[i].getClassName())) {
            i++;
        }
        return i < stack.length && !isJdk(stack[i].getClassName());
    }

    /** The frames of parking and waiting themselves. */
    private static boolean isParking(String cls) {
        return cls.equals("java.lang.VirtualThread") || cls.startsWith("java.lang.System$") // parkVirtualThread
                || cls.equals("java.util.concurrent.locks.LockSupport") || cls.equals("java.lang.Object") // wait0
                || cls.equals("jdk.internal.misc.Unsafe");
    }

    /** The JDK's waiting APIs that hold no lock the loop could need while they wait. */
    private static boolean isWaitingApi(String cls) {
        return cls.startsWith("java.util.concurrent.") || cls.startsWith("jdk.internal.net.http.") // HttpClient.send
                || cls.equals("java.lang.ProcessImpl") || cls.equals("java.lang.Process");
    }

    private static boolean isJdk(String cls) {
        return cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.")
                || cls.startsWith("sun.") || cls.startsWith("com.sun.");
    }
}
