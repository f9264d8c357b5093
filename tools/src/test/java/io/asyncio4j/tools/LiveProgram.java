package io.asyncio4j.tools;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The program {@link LiveTaskDumpTest} inspects, in a child JVM: named tasks awaiting each other, then {@code READY}
 * on standard output. Modes: {@code graph} (a task awaiting a task, a gather, a task group), {@code cycle} (the same
 * and two tasks awaiting each other), {@code sleep} (then a callback holds the loop in {@code Thread.sleep}),
 * {@code spin} (then a task spins without awaiting). It runs until killed.
 */
public final class LiveProgram {
    private LiveProgram() {
    }

    static Void leaf(Future<?> never) {
        never.await();
        return null;
    }

    static Void middle(Task<?> t) {
        t.await();
        return null;
    }

    static Void groupParent(Future<?> never) {
        return TaskGroup.<Void>run(tg -> {
            tg.createTask(() -> leaf(never), "tg-child");
            never.await();
            return null;
        }).await();
    }

    static Void cycleA(AtomicReference<Task<?>> other) {
        Asyncio.sleep(0).await();
        other.get().await();
        return null;
    }

    static Void spin() {
        System.out.println("READY");
        System.out.flush();
        for (;;) {
            Thread.onSpinWait();
        }
    }

    public static void main(String[] args) {
        String mode = args[0];
        Asyncio.run(() -> {
            Future<Void> never = Asyncio.getRunningLoop().createFuture();
            Task<Void> leaf = Asyncio.createTask(() -> leaf(never), "leaf");
            Asyncio.createTask(() -> middle(leaf), "middle");
            Asyncio.createTask(() -> groupParent(never), "tg-parent");
            if (mode.equals("cycle")) {
                AtomicReference<Task<?>> a = new AtomicReference<>();
                AtomicReference<Task<?>> b = new AtomicReference<>();
                a.set(Asyncio.createTask(() -> cycleA(b), "cyc-a"));
                b.set(Asyncio.createTask(() -> cycleA(a), "cyc-b"));
            }
            Task<Void> g1 = Asyncio.createTask(() -> leaf(never), "g1");
            Task<Void> g2 = Asyncio.createTask(() -> leaf(never), "g2");
            Asyncio.getRunningLoop().callLater(0.05, () -> {
                switch (mode) {
                    case "spin" -> Asyncio.getRunningLoop().createTask(LiveProgram::spin, "spinner");
                    case "sleep" -> {
                        System.out.println("READY");
                        System.out.flush();
                        try {
                            Thread.sleep(600_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    default -> {
                        System.out.println("READY");
                        System.out.flush();
                    }
                }
            });
            Asyncio.gather(g1, g2).await();
            return null;
        });
    }
}
