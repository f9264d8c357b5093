package io.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop waits on its selector when a channel is registered, and wakes for I/O and for other threads. */
@Timeout(30)
class SelectorWaitTest {

    @Test
    void readinessCallbackRunsAndThreadsafeCallsWakeTheSelect() throws Exception {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            List<String> out = new ArrayList<>();
            try (Runner runner = new Runner().virtualTime(true)) {
                runner.run(() -> {
                    BaseEventLoop loop = (BaseEventLoop) Asyncio.getRunningLoop();
                    Future<String> got = loop.createFuture();
                    loop.addReader(source, () -> {
                        ByteBuffer buf = ByteBuffer.allocate(16);
                        try {
                            int n = source.read(buf);
                            loop.removeReader(source);
                            got.setResult(new String(buf.array(), 0, n));
                        } catch (java.io.IOException e) {
                            got.setException(e);
                        }
                    });
                    // Another thread first wakes the select with a callback, then writes to the pipe.
                    Thread.ofPlatform().start(() -> {
                        loop.callSoonThreadsafe(() -> out.add("threadsafe callback"));
                        try {
                            Thread.sleep(20);
                            sink.write(ByteBuffer.wrap("ping".getBytes()));
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    });
                    out.add("read " + got.await());
                    return null;
                });
            }
            assertThat(out).containsExactly("threadsafe callback", "read ping");
        }
    }
}
