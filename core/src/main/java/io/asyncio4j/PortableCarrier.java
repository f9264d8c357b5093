package io.asyncio4j;

import java.util.concurrent.locks.LockSupport;

/**
 * Task threads are ordinary virtual threads on the JDK's default scheduler. The loop thread and a task thread
 * hand control to each other through a volatile turn flag, so exactly one of them runs at a time: the same
 * semantics as {@link FastCarrier}, at the price of two thread hand-offs per switch.
 */
final class PortableCarrier extends Carrier {
    static final PortableCarrier INSTANCE = new PortableCarrier();
    private static final ScopedValue<Task<?>> CURRENT = ScopedValue.newInstance();
    /** The loop spins this often before parking: a task's step usually ends within microseconds. */
    private static final int SPINS = 1 << 12;

    private PortableCarrier() {
    }

    @Override
    TaskThread newThread(Task<?> task, String name) {
        return new PortableThread(task, name);
    }

    static Task<?> taskOf(Thread t) {
        return CURRENT.isBound() ? CURRENT.get() : null;
    }

    static final class PortableThread extends TaskThread {
        private final Thread vthread;
        /** True while the task thread has the turn; the loop thread waits meanwhile. */
        private volatile boolean taskTurn;
        private volatile Thread loopThread;
        private boolean started;

        PortableThread(Task<?> task, String name) {
            super(task);
            this.vthread = Thread.ofVirtual().name(name).inheritInheritableThreadLocals(false).unstarted(this::body);
        }

        @Override
        Thread thread() {
            return vthread;
        }

        private void body() {
            try {
                ScopedValue.where(CURRENT, task).run(task::runBody);
            } finally {
                giveTurnToLoop();
            }
        }

        @Override
        void step() {
            BaseEventLoop loop = task.loop;
            Thread outer = loop.steppingThread;
            loop.steppingThread = vthread;
            loopThread = Thread.currentThread();
            taskTurn = true;
            try {
                if (!started) {
                    started = true;
                    vthread.start();
                } else {
                    LockSupport.unpark(vthread);
                }
                int spins = 0;
                while (taskTurn) {
                    if (++spins < SPINS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
            } finally {
                loop.steppingThread = outer;
            }
        }

        private void giveTurnToLoop() {
            taskTurn = false;
            LockSupport.unpark(loopThread);
        }

        @Override
        void suspend() {
            boolean interrupted = false;
            giveTurnToLoop();
            // No spinning here: other tasks usually run before this one's turn comes back, and a spinning task
            // thread would hold a carrier of the shared scheduler that the task with the turn needs.
            while (!taskTurn) {
                LockSupport.park(this);
                if (clearInterrupt()) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                vthread.interrupt();
            }
            checkDestroyed();
        }
    }
}
