package io.asyncio4j.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import io.asyncio4j.net.BaseProtocol;
import io.asyncio4j.net.Connected;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import io.asyncio4j.streams.Subprocess.Redirect;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Write flow control of the pipe transport (a child's stdin), through the same helper as sockets: CPython's
 * {@code _FlowControlMixin}.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipeWriteFlowControlTest {
    static <T> T run(Coro<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    private final ExecutorService pumps = Executors.newCachedThreadPool();

    @AfterEach
    void stopPumps() {
        pumps.shutdownNow();
    }

    /** A transport over {@code pipe} for {@code protocol}, on the running loop. */
    private PipeWriteTransport open(GatedPipe pipe, BaseProtocol protocol) {
        return new PipeWriteTransport(Asyncio.getRunningLoop(), pipe, pumps, protocol);
    }

    /** Waits until everything written has been taken by the pipe. */
    private static void untilDrained(Transport t) {
        while (t.getWriteBufferSize() > 0) {
            Asyncio.sleep(0.001).await();
        }
    }

    /** A pipe whose reader takes nothing until {@link #open} is counted down, then everything. */
    static final class GatedPipe extends OutputStream {
        final CountDownLatch open = new CountDownLatch(1);
        long written;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                open.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            written += len;
        }
    }

    /** Records the flow-control calls; throws from them if asked to. */
    static final class Recorder implements BaseProtocol {
        final List<String> events = new ArrayList<>();
        final boolean fail;

        Recorder(boolean fail) {
            this.fail = fail;
        }

        @Override
        public void pauseWriting() {
            events.add("pauseWriting");
            if (fail) {
                throw new IllegalStateException("no pause");
            }
        }

        @Override
        public void resumeWriting() {
            events.add("resumeWriting");
            if (fail) {
                throw new IllegalStateException("no resume");
            }
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("connectionLost " + exc);
        }
    }

    @Test
    void thePipePausesItsProtocolAboveTheHighMarkAndResumesAtTheLowOne() {
        List<String> out = run(() -> {
            GatedPipe pipe = new GatedPipe();
            Recorder p = new Recorder(false);
            PipeWriteTransport t = open(pipe, p);
            List<String> log = new ArrayList<>();
            t.write(new byte[64 * 1024]);
            log.add("at the high mark: " + p.events + " " + t.getWriteBufferSize());
            t.write(new byte[1]);
            log.add("above it: " + p.events + " " + t.getWriteBufferSize());
            t.write(new byte[100]);
            log.add("paused once: " + p.events);
            pipe.open.countDown(); // the reader takes it all
            untilDrained(t);
            log.add("drained: " + p.events + " written " + pipe.written);
            t.close();
            while (p.events.size() < 3) {
                Asyncio.sleep(0.001).await();
            }
            log.add(p.events.toString());
            return log;
        });
        assertThat(out).containsExactly("at the high mark: [] 65536", "above it: [pauseWriting] 65537",
                "paused once: [pauseWriting]", "drained: [pauseWriting, resumeWriting] written 65637",
                "[pauseWriting, resumeWriting, connectionLost null]");
    }

    @Test
    void loweringTheLimitsUnderABufferedPipePausesAtOnceAndCustomMarksApply() {
        List<String> out = run(() -> {
            GatedPipe pipe = new GatedPipe();
            Recorder p = new Recorder(false);
            PipeWriteTransport t = open(pipe, p);
            List<String> log = new ArrayList<>();
            t.write(new byte[10]);
            log.add("under the default marks: " + p.events);
            t.setWriteBufferLimits(5, 0);
            log.add("after setWriteBufferLimits(5, 0): " + p.events);
            t.setWriteBufferLimits(5, 0);
            log.add("still paused once: " + p.events);
            pipe.open.countDown();
            untilDrained(t);
            log.add("drained: " + p.events);
            t.abort();
            return log;
        });
        assertThat(out).containsExactly("under the default marks: []",
                "after setWriteBufferLimits(5, 0): [pauseWriting]", "still paused once: [pauseWriting]",
                "drained: [pauseWriting, resumeWriting]");
    }

    @Test
    void errorsOfPauseAndResumeGoToTheExceptionHandlerWithCPythonsMessages() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            GatedPipe pipe = new GatedPipe();
            Recorder p = new Recorder(true);
            PipeWriteTransport t = open(pipe, p);
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> log.add(ctx.get("message") + ": "
                    + ((Throwable) ctx.get("exception")).getMessage() + ", transport given: "
                    + (ctx.get("transport") == t) + ", protocol given: " + (ctx.get("protocol") == p)));
            t.write(new byte[64 * 1024 + 1]); // does not throw
            pipe.open.countDown();
            untilDrained(t);
            t.write(new byte[1]); // the transport goes on
            t.close();
            while (!p.events.contains("connectionLost null")) {
                Asyncio.sleep(0.001).await();
            }
            log.add("written " + pipe.written);
            return log;
        });
        assertThat(out).containsExactly(
                "protocol.pause_writing() failed: no pause, transport given: true, protocol given: true",
                "protocol.resume_writing() failed: no resume, transport given: true, protocol given: true",
                "written 65538");
    }

    @Test
    void setWriteBufferLimitsIsValidatedWithCPythonsMessageOnPipesAndSockets() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Transport pipe = open(new GatedPipe(), new Recorder(false));
            io.asyncio4j.net.AbstractServer server = Net.createServer(() -> new Protocol() {
            }, "127.0.0.1", 0).await();
            Connected<Protocol> c = Net.<Protocol>createConnection(() -> new Protocol() {
            }, "127.0.0.1", server.port()).await();
            for (Transport t : List.of(pipe, c.transport())) {
                for (int[] hl : new int[][] {{1, 2}, {-1, -2}, {0, -1}}) {
                    try {
                        t.setWriteBufferLimits(hl[0], hl[1]);
                        log.add("accepted " + hl[0] + ", " + hl[1]);
                    } catch (IllegalArgumentException e) {
                        log.add(e.getMessage());
                    }
                }
                t.setWriteBufferLimits(0, 0); // both zero is allowed: pause whenever anything is buffered
                t.setWriteBufferLimits(7, 7);
            }
            pipe.abort();
            c.transport().close();
            server.close();
            return log;
        });
        List<String> once = List.of("high (1) must be >= low (2) must be >= 0",
                "high (-1) must be >= low (-2) must be >= 0", "high (0) must be >= low (-1) must be >= 0");
        List<String> both = new ArrayList<>(once);
        both.addAll(once);
        assertThat(out).isEqualTo(both);
    }

    @Test
    void drainOnAChildsStdinWaitsUntilTheChildReads() {
        int size = 4 << 20; // far more than the pipe holds
        List<Object> r = run(() -> {
            List<Object> log = new ArrayList<>();
            // The child stops itself before it reads anything, and reads its stdin to the end once continued.
            Subprocess p = Subprocess.exec(List.of("/bin/sh", "-c", "kill -STOP $$; exec wc -c"), Redirect.PIPE,
                    Redirect.PIPE, Redirect.INHERIT).await();
            try {
                p.stdin().write(new byte[size]);
                log.add("buffer above the high mark: " + (p.stdin().transport().getWriteBufferSize() > 64 * 1024));
                Task<Void> drain = Asyncio.createTask(p.stdin().drain());
                Path stat = Path.of("/proc/" + p.pid() + "/stat");
                while (!Files.readString(stat).replaceFirst(".*\\) ", "").startsWith("T")) {
                    Asyncio.sleep(0.001).await(); // until the child has stopped
                }
                Asyncio.sleep(0.01).await();
                log.add("drain waits while the child does not read: " + !drain.done());
                Subprocess.exec(List.of("kill", "-CONT", String.valueOf(p.pid())), Redirect.DEVNULL, Redirect.DEVNULL,
                        Redirect.INHERIT).await().waitFor().await();
                drain.await();
                log.add("drained to the low mark: " + (p.stdin().transport().getWriteBufferSize() <= 16 * 1024));
                p.stdin().close();
                log.add(new String(p.stdout().read(-1).await(), StandardCharsets.US_ASCII).strip());
                log.add(p.waitFor().await());
            } finally {
                if (p.returncode() == null) {
                    p.kill(); // a failed check must not leave a stopped child behind
                }
            }
            return log;
        });
        assertThat(r).containsExactly("buffer above the high mark: true",
                "drain waits while the child does not read: true", "drained to the low mark: true",
                String.valueOf(size), 0);
    }
}
