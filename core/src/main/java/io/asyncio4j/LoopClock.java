package io.asyncio4j;

/**
 * The loop's clock ({@link EventLoop#time()}): seconds as a double, CPython's {@code time.monotonic()} for a real
 * loop, and a clock that moves only when the loop says so in virtual time ({@link Runner#virtualTime(boolean)}).
 *
 * <p>The clock does not decide when virtual time jumps: that is the loop's wait ({@code BaseEventLoop.poll}),
 * which knows what could wake it. The clock only keeps the reading: {@link Virtual#jumpTo} and
 * {@link Virtual#waited} are its only moves, and neither ever moves it back.
 *
 * <p>Threads: {@link #time()} of the real clock may be read anywhere; the virtual clock is read and moved only by
 * the thread that owns the loop (its thread, or the task it is stepping), as every non-thread-safe loop operation.
 */
abstract sealed class LoopClock permits LoopClock.Real, LoopClock.Virtual {
    /** CPython's {@code _clock_resolution}: the loop runs timers due within this much of now. */
    static final double RESOLUTION = 1e-9;

    private LoopClock() {
    }

    /** The loop's time, in seconds. */
    abstract double time();

    /** The clock of a real-time loop; stateless, so every real-time loop shares {@link #REAL}. */
    static final class Real extends LoopClock {
        /**
         * Zero of the real clock: set when the first loop class is initialised (the loop's class holds
         * {@link #REAL}), so every real-time loop reads the same time.
         */
        private static final long ORIGIN = System.nanoTime();
        static final Real REAL = new Real();

        private Real() {
        }

        @Override
        double time() {
            return (System.nanoTime() - ORIGIN) / 1e9;
        }
    }

    /** Virtual time: starts at 0 and moves only by {@link #jumpTo} and {@link #waited}. */
    static final class Virtual extends LoopClock {
        private double now;

        @Override
        double time() {
            return now;
        }

        /** Nothing can happen before {@code when} (the next timer's deadline): the clock is there at once. */
        void jumpTo(double when) {
            now = Math.max(now, when);
        }

        /**
         * The loop really waited since {@code startNanos} ({@link System#nanoTime()}) with {@code timeout} seconds
         * as its limit ({@code < 0}: none): the clock moves by the time that passed, at most the timeout.
         */
        void waited(long startNanos, double timeout) {
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            now += timeout < 0 ? elapsed : Math.min(elapsed, timeout);
        }
    }
}
