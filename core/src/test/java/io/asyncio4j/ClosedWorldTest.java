package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Runner#closedWorld}: with both ends of a channel on the loop, watched channels do not hold virtual time. */
@Timeout(30)
class ClosedWorldTest {

    /** The reader of {@code source} waits for a line the loop itself writes 5 s (virtual) later. */
    private static double readAfterTimer(Runner runner, Pipe.SourceChannel source, Pipe.SinkChannel sink) {
        return runner.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> got = loop.createFuture();
            loop.addReader(source, () -> {
                ByteBuffer buf = ByteBuffer.allocate(16);
                try {
                    int n = source.read(buf);
                    loop.removeReader(source);
                    got.setResult(new String(buf.array(), 0, n, StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    got.setException(e);
                }
            });
            loop.callLater(5, () -> {
                try {
                    sink.write(ByteBuffer.wrap("hi".getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException e) {
                    got.setException(e);
                }
            });
            assertThat(got.await()).isEqualTo("hi");
            return loop.time();
        });
    }

    @Test
    void timersJumpWhileTheLoopWatchesItsOwnChannel() throws Exception {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink();
                Runner runner = new Runner().virtualTime(true).closedWorld(true)) {
            source.configureBlocking(false);
            long t0 = System.nanoTime();
            assertThat(readAfterTimer(runner, source, sink)).isEqualTo(5.0);
            assertThat((System.nanoTime() - t0) / 1e9).as("real seconds").isLessThan(2.5);
        }
    }

    @Test
    void withoutClosedWorldAWatchedChannelMakesTheClockWaitInRealTime() throws Exception {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink();
                Runner runner = new Runner().virtualTime(true)) {
            source.configureBlocking(false);
            Runner r = runner;
            // A shorter wait keeps the test quick: 0.3 s of real time instead of 5.
            double end = r.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                Future<Void> done = loop.createFuture();
                loop.addReader(source, () -> { });
                loop.callLater(0.3, () -> done.setResult(null));
                long t0 = System.nanoTime();
                done.await();
                loop.removeReader(source);
                assertThat((System.nanoTime() - t0) / 1e9).as("real seconds").isGreaterThanOrEqualTo(0.25);
                return loop.time();
            });
            assertThat(end).isGreaterThanOrEqualTo(0.3);
        }
    }

    @Test
    void theOptionIsSetBeforeTheLoopStarts() {
        try (Runner runner = new Runner()) {
            runner.getLoop();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.closedWorld(true))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closedWorld()");
        }
    }
}
