package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during {@code Asyncio.run}, as CPython 3.11's runner handles it: the first SIGINT cancels the main task
 * (its {@code finally} blocks run), then {@link KeyboardInterrupt} leaves {@code run}, and the JVM ends with status
 * 130 if nothing catches it; a second SIGINT while the task unwinds ends the JVM at once. Real signals, sent to a
 * child JVM.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CtrlCTest {
    /**
     * The child program. {@code uncaught}: main sleeps, Ctrl-C, KeyboardInterrupt leaves main. {@code caught}: main
     * catches it, says what it saw, and waits for a second Ctrl-C, which the JVM handles again. {@code twice}: the
     * main task's clean-up waits forever, and a second Ctrl-C ends the JVM.
     */
    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook")));
        switch (args[0]) {
            case "uncaught" -> Asyncio.run(() -> {
                Asyncio.createTask(() -> {
                    try {
                        Asyncio.sleep(3600).await();
                    } finally {
                        System.out.println("other task finally");
                    }
                    return null;
                });
                try {
                    System.out.println("ready");
                    Asyncio.sleep(3600).await();
                } finally {
                    System.out.println("main finally");
                }
                return null;
            });
            case "caught" -> {
                try {
                    Asyncio.run(() -> {
                        System.out.println("ready");
                        Asyncio.sleep(3600).await();
                        return null;
                    });
                } catch (KeyboardInterrupt e) {
                    System.out.println("caught " + e.getClass().getSimpleName() + " caused by "
                            + e.getCause().getClass().getSimpleName());
                }
                System.out.println("SIGINT handled by the JVM: " + Signals.isJvmDefault(currentSigint()));
                System.out.println("waiting");
                Thread.sleep(3_600_000);
            }
            case "twice" -> Asyncio.run(() -> {
                try {
                    System.out.println("ready");
                    Asyncio.sleep(3600).await();
                } finally {
                    System.out.println("unwinding");
                    Asyncio.getRunningLoop().createFuture().await();
                }
                return null;
            });
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** SIGINT's handler now, looked at by replacing it for a moment. */
    static SignalHandler currentSigint() {
        Signal sig = new Signal("INT");
        // Not SIG_IGN: the JVM will not take back INT, TERM or HUP from an ignored disposition.
        SignalHandler h = Signal.handle(sig, ignored -> { });
        Signal.handle(sig, h);
        return h;
    }

    static ChildJvm child(String mode) throws Exception {
        return ChildJvm.start(CtrlCTest.class, List.of(Asyncio.class, CtrlCTest.class), mode);
    }

    @Test
    void ctrlCCancelsTheMainTaskRunsItsFinallyAndExitsWith130() throws Exception {
        try (ChildJvm c = child("uncaught")) {
            c.await("ready");
            c.kill("INT");
            assertThat(c.exitCode()).isEqualTo(130);
            assertThat(c.lines).containsExactly("ready", "main finally", "other task finally", "shutdown hook");
            assertThat(c.stderr()).isEmpty();
        }
    }

    @Test
    void keyboardInterruptCanBeCaughtAndSigintGoesBackToTheJvm() throws Exception {
        try (ChildJvm c = child("caught")) {
            c.await("ready");
            c.kill("INT");
            c.await("waiting");
            c.kill("INT");
            assertThat(c.exitCode()).isEqualTo(130);
            assertThat(c.lines).containsExactly("ready", "caught KeyboardInterrupt caused by CancelledError",
                    "SIGINT handled by the JVM: true", "waiting", "shutdown hook");
            assertThat(c.stderr()).isEmpty();
        }
    }

    @Test
    void aSecondCtrlCWhileTheMainTaskUnwindsEndsTheJvmAtOnce() throws Exception {
        try (ChildJvm c = child("twice")) {
            c.await("ready");
            c.kill("INT");
            c.await("unwinding");
            c.kill("INT");
            assertThat(c.exitCode()).isEqualTo(130);
            assertThat(c.lines).containsExactly("ready", "unwinding", "shutdown hook");
            assertThat(c.stderr()).isEmpty();
        }
    }

    @Test
    @Timeout(10) // on the test's own thread: JUnit's main thread under Maven
    void aRunOnTheMainThreadHandlesSigintOnlyWhileItRuns() {
        assumeThat(Thread.currentThread().getName()).isEqualTo("main");
        assumeThat(Signals.isJvmDefault(currentSigint())).isTrue();
        String during = Asyncio.run(() -> currentSigint().getClass().getSimpleName());
        assertThat(during).isEqualTo("MainInterrupt");
        assertThat(Signals.isJvmDefault(currentSigint())).isTrue();
    }

    @Test
    @Timeout(10) // on the test's own thread: JUnit's main thread under Maven
    void aLoopHandlerForSigintOutlivingTheRunDoesNotTakeCtrlCFromTheNextRun() {
        assumeThat(Thread.currentThread().getName()).isEqualTo("main");
        assumeThat(Signals.isJvmDefault(currentSigint())).isTrue();
        try (Runner r = new Runner()) {
            r.run(() -> {
                Asyncio.getRunningLoop().addSignalHandler("INT", () -> { });
                return null;
            });
        } // closing the loop removes its handler, putting back the run's, which has ended
        String during = Asyncio.run(() -> currentSigint().getClass().getSimpleName());
        assertThat(during).isEqualTo("MainInterrupt");
        assertThat(Signals.isJvmDefault(currentSigint())).isTrue();
    }

    @Test
    void aRunOnAnotherThreadLeavesSigintToTheJvm() throws Exception {
        String[] during = new String[1];
        Thread t = Thread.ofPlatform().name("not-main").start(() ->
                during[0] = Asyncio.run(() -> String.valueOf(Signals.isJvmDefault(currentSigint()))));
        t.join();
        assertThat(during[0]).isEqualTo("true");
    }

    @Test
    void aCancelledMainTaskWithoutCtrlCStaysACancelledError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Asyncio.run(() -> {
            Asyncio.currentTask().cancel();
            Asyncio.sleep(1).await();
            return null;
        })).isExactlyInstanceOf(CancelledError.class);
    }
}
