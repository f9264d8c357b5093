package io.asyncio4j.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Large messages through streams, on whichever socket path the JVM allows (see the net module's
 * {@code LargeMessagesTest}): what {@code read} and {@code readexactly} return stays as it was after later reads,
 * and {@link StreamWriter#write(ByteBuffer)} sends from the buffer's position to its limit.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamsLargeMessagesTest {
    @Test
    void readArraysStayIntactAfterLaterReadsAndByteBufferWritesEchoExactly() {
        byte[] msg = new byte[3 * 1024 * 1024 + 11];
        new Random(5).nextBytes(msg);
        List<String> out = StreamsTest.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                ByteBuffer direct = ByteBuffer.allocateDirect(1 << 20);
                boolean useDirect = false;
                while (true) {
                    byte[] data = reader.read(1_000_000).await();
                    if (data.length == 0) {
                        break;
                    }
                    if (useDirect) {
                        writer.write(direct.clear().put(data).flip()); // the direct buffer is free once write returns
                    } else {
                        writer.write(ByteBuffer.wrap(data));
                    }
                    useDirect = !useDirect;
                    writer.drain().await();
                }
                writer.close();
            }, "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            c.writer().write(msg);
            c.writer().writeEof();
            List<byte[]> parts = new ArrayList<>();
            int[] sizes = {1, 100, 8192, 65_536, 100_000, 1_000_000};
            int got = 0;
            for (int i = 0; got < msg.length; i++) {
                int n = Math.min(sizes[i % sizes.length], msg.length - got);
                byte[] part = i % 2 == 0 ? c.reader().readexactly(n).await() : c.reader().read(n).await();
                parts.add(part);
                got += part.length;
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            parts.forEach(all::writeBytes); // only now: a buffer reused by a later read would show
            List<String> log = new ArrayList<>();
            log.add("intact: " + Arrays.equals(all.toByteArray(), msg));
            log.add("then EOF: " + c.reader().read(10).await().length + " " + c.reader().atEof());
            c.writer().close();
            server.close();
            server.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly("intact: true", "then EOF: 0 true");
    }
}
