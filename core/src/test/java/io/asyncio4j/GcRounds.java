package io.asyncio4j;

import java.util.function.BooleanSupplier;

/** Rounds of garbage collection for the tests of what is reported when a dropped object is collected. */
final class GcRounds {
    private GcRounds() {
    }

    /** Outside any loop: {@code rounds} collections, 5 ms apart. */
    static void outsideLoop(int rounds) {
        for (int i = 0; i < rounds; i++) {
            System.gc();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * In a task: up to {@code rounds} collections until {@code done}, each followed by 5 ms in another thread, so
     * that the loop runs meanwhile (a report made at a collection reaches its handler there).
     */
    static void inTask(int rounds, BooleanSupplier done) throws Exception {
        for (int i = 0; i < rounds && !done.getAsBoolean(); i++) {
            System.gc();
            Asyncio.toThread(() -> {
                Thread.sleep(5);
                return null;
            }).await();
        }
    }
}
