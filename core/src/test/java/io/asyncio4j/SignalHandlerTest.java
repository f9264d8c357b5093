package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@link EventLoop#addSignalHandler(String, Runnable)}: CPython's {@code add_signal_handler}. The callback runs on the
 * loop's thread, the registration replaces the JVM's handling until it is removed or the loop closes, and names are
 * checked. Real signals: {@code kill} to this process for USR1 (whose default would end it, so only while a handler
 * is registered) and to a child JVM for TERM and INT.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SignalHandlerTest {
    /** The signal's handler now, looked at by replacing it for a moment. */
    static SignalHandler current(String name) {
        Signal sig = new Signal(name);
        // Not SIG_IGN: the JVM will not take back INT, TERM or HUP from an ignored disposition.
        SignalHandler h = Signal.handle(sig, ignored -> { });
        Signal.handle(sig, h);
        return h;
    }

    static void kill(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor())
                .isZero();
    }

    @Test
    void theCallbackRunsOnTheLoopsThreadForEachSignalAndRemovingGivesTheSignalBack() throws Exception {
        List<String> log = new ArrayList<>();
        try (Runner r = new Runner()) {
            Thread loopThread = Thread.currentThread();
            r.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                Queue<String> got = new Queue<>();
                loop.addSignalHandler("USR1", () -> got.putNowait(
                        "USR1 on the loop's thread: " + (Thread.currentThread() == loopThread)));
                assertThat(current("USR1")).isInstanceOf(SignalRegistration.class);
                kill("USR1", ProcessHandle.current().pid());
                log.add(got.get().await());
                kill("USR1", ProcessHandle.current().pid());
                log.add(got.get().await());
                assertThat(loop.removeSignalHandler("USR1")).isTrue();
                assertThat(loop.removeSignalHandler("SIGUSR1")).isFalse();
                log.add("after removal: " + current("USR1"));
                return null;
            });
        }
        assertThat(log).containsExactly("USR1 on the loop's thread: true", "USR1 on the loop's thread: true",
                "after removal: SIG_DFL");
    }

    @Test
    void aNewCallbackReplacesTheOldOneAndClosingTheLoopRemovesIt() throws Exception {
        List<String> log = new ArrayList<>();
        try (Runner r = new Runner()) {
            r.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                Event seen = new Event();
                loop.addSignalHandler("SIGUSR1", () -> log.add("first"));
                loop.addSignalHandler("USR1", () -> {
                    log.add("second");
                    seen.set();
                });
                kill("USR1", ProcessHandle.current().pid());
                seen.waitSet().await();
                return null;
            });
        }
        assertThat(log).containsExactly("second");
        assertThat(current("USR1").toString()).isEqualTo("SIG_DFL");
    }

    @Test
    void removingLeavesAHandlerInstalledSinceInPlace() {
        SignalHandler mine = sig -> { };
        try (Runner r = new Runner()) {
            r.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                loop.addSignalHandler("USR1", () -> { });
                SignalHandler displaced = Signal.handle(new Signal("USR1"), mine);
                assertThat(displaced).isInstanceOf(SignalRegistration.class);
                assertThat(loop.removeSignalHandler("USR1")).isTrue();
                assertThat(current("USR1")).isSameAs(mine);
                return null;
            });
        } finally {
            Signal.handle(new Signal("USR1"), SignalHandler.SIG_DFL);
        }
    }

    @Test
    void namesAreCheckedAndSignalsTheJvmReservesAreRefused() {
        try (Runner r = new Runner()) {
            r.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                assertThatThrownBy(() -> loop.addSignalHandler("NOPE", () -> { }))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOPE");
                assertThatThrownBy(() -> loop.removeSignalHandler("NOPE"))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOPE");
                for (String reserved : List.of("KILL", "STOP", "QUIT")) {
                    assertThatThrownBy(() -> loop.addSignalHandler(reserved, () -> { }))
                            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIG" + reserved);
                }
                assertThatThrownBy(() -> loop.addSignalHandler(null, () -> { }))
                        .isInstanceOf(NullPointerException.class);
                assertThatThrownBy(() -> loop.addSignalHandler("USR1", null))
                        .isInstanceOf(NullPointerException.class);
                assertThat(loop.removeSignalHandler("USR1")).isFalse();
                return null;
            });
        }
    }

    @Test
    void aSignalTheVmHandlesNativelyIsRefusedAndKeepsItsHandler() {
        assumeThat(Signals.isVmNative(current("USR2"))).as("the VM handles SIGUSR2 (Linux HotSpot)").isTrue();
        try (Runner r = new Runner()) {
            r.run(() -> {
                assertThatThrownBy(() -> Asyncio.getRunningLoop().addSignalHandler("USR2", () -> { }))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIGUSR2");
                return null;
            });
        }
        assertThat(Signals.isVmNative(current("USR2"))).isTrue();
    }

    @Test
    void aClosedLoopRefusesAndAnotherThreadMayNotRegister() {
        BaseEventLoop loop = new BaseEventLoop(false);
        loop.close();
        assertThatThrownBy(() -> loop.addSignalHandler("USR1", () -> { }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(current("USR1").toString()).isEqualTo("SIG_DFL");
    }

    /**
     * The child program: a loop that handles TERM (printing on which thread, then ending main normally), after which
     * TERM is the JVM's again.
     */
    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook")));
        Thread main = Thread.currentThread();
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Event term = new Event();
            loop.addSignalHandler("TERM", () -> {
                System.out.println("TERM on the loop's thread: " + (Thread.currentThread() == main));
                term.set();
            });
            System.out.println("ready");
            term.waitSet().await();
            return null;
        });
        System.out.println("loop closed");
        Thread.sleep(3_600_000);
    }

    @Test
    void aTermHandlerRunsOnTheLoopAndClosingTheLoopGivesTermBackToTheJvm() throws Exception {
        try (ChildJvm c = ChildJvm.start(SignalHandlerTest.class, List.of(Asyncio.class, SignalHandlerTest.class))) {
            c.await("ready");
            c.kill("TERM");
            c.await("loop closed");
            c.kill("TERM");
            assertThat(c.exitCode()).isEqualTo(143);
            assertThat(c.lines).containsExactly("ready", "TERM on the loop's thread: true", "loop closed",
                    "shutdown hook");
            assertThat(c.stderr()).isEmpty();
        }
    }
}
