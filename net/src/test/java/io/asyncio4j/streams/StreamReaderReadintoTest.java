package io.asyncio4j.streams;

import static io.asyncio4j.streams.Bytes.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link StreamReader#readinto}: fed by hand (what is buffered, EOF, errors, a second waiter, cancellation puts the
 * bytes back), and over sockets, where the transport reads straight into the waiting caller's buffer.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamReaderReadintoTest {
    private static <T> T virtual(io.asyncio4j.Coro<T> main) {
        try (Runner r = new Runner().virtualTime(true)) {
            return r.run(main);
        }
    }

    private static String str(ByteBuffer b) {
        ByteBuffer f = b.duplicate().flip();
        byte[] a = new byte[f.remaining()];
        f.get(a);
        return new String(a, StandardCharsets.ISO_8859_1);
    }

    @Test
    void takesWhatIsBufferedUpToTheRoomLeft() {
        virtual(() -> {
            StreamReader r = new StreamReader();
            r.feedData(b("hello world"));
            ByteBuffer dst = ByteBuffer.allocate(5);
            assertThat(r.readinto(dst).await()).isEqualTo(5);
            assertThat(str(dst)).isEqualTo("hello");
            assertThat(r.readinto(dst).await()).as("no room: 0 at once").isZero();
            ByteBuffer big = ByteBuffer.allocateDirect(100).position(3);
            assertThat(r.readinto(big).await()).isEqualTo(6);
            assertThat(big.position()).isEqualTo(9);
            assertThat(new String(r.peekBuffer(), StandardCharsets.ISO_8859_1)).isEmpty();
            r.feedEof();
            assertThat(r.readinto(ByteBuffer.allocate(10)).await()).as("EOF").isZero();
            assertThat(r.atEof()).isTrue();
            return null;
        });
    }

    @Test
    void aWaitingReadintoGetsFedBytesDirectlyAndTheRestStaysBuffered() {
        virtual(() -> {
            StreamReader r = new StreamReader();
            ByteBuffer dst = ByteBuffer.allocate(4);
            Task<Integer> t = Asyncio.createTask(r.readinto(dst));
            Asyncio.sleep(0).await();
            assertThat(r.lendable()).as("lent while waiting on an empty reader").isSameAs(dst);
            r.feedData(b("abcdefg"));
            assertThat(r.lendable()).as("one delivery per wait").isNull();
            r.feedData(b("hij"));
            assertThat(t.await()).isEqualTo(4);
            assertThat(str(dst)).isEqualTo("abcd");
            assertThat(r.read(100).await()).isEqualTo(b("efghij"));
            return null;
        });
    }

    @Test
    void eofAndErrorsWakeAWaitingReadinto() {
        virtual(() -> {
            StreamReader r = new StreamReader();
            Task<Integer> t = Asyncio.createTask(r.readinto(ByteBuffer.allocate(8)));
            Asyncio.sleep(0).await();
            r.feedEof();
            assertThat(t.await()).isZero();

            StreamReader failing = new StreamReader();
            Task<Integer> f = Asyncio.createTask(failing.readinto(ByteBuffer.allocate(8)));
            Asyncio.sleep(0).await();
            IOException boom = new IOException("boom");
            failing.setException(boom);
            assertThatThrownBy(f::await).isSameAs(boom);
            assertThatThrownBy(() -> failing.readinto(ByteBuffer.allocate(1)).await()).isSameAs(boom);
            return null;
        });
    }

    @Test
    void badBuffersAndASecondWaiterAreRefused() {
        StreamReader r = new StreamReader();
        assertThatThrownBy(() -> r.readinto(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dst");
        assertThatThrownBy(() -> r.readinto(ByteBuffer.allocate(4).asReadOnlyBuffer()))
                .isInstanceOf(ReadOnlyBufferException.class);
        virtual(() -> {
            ByteBuffer firstBuf = ByteBuffer.allocate(4);
            Task<Integer> first = Asyncio.createTask(r.readinto(firstBuf));
            Asyncio.sleep(0).await();
            assertThatThrownBy(() -> r.readinto(ByteBuffer.allocate(4)).await())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("readinto() called while another coroutine is already waiting for incoming data");
            assertThat(r.lendable()).as("the first waiter's buffer is still the lent one").isSameAs(firstBuf);
            r.feedData(b("ok"));
            assertThat(first.await()).isEqualTo(2);
            return null;
        });
    }

    @Test
    void cancellingAWaitingReadintoLosesNothing() {
        virtual(() -> {
            // Cancelled before anything came: dst untouched, the reader no longer lends it.
            StreamReader r = new StreamReader();
            ByteBuffer dst = ByteBuffer.allocate(8);
            Task<Integer> t = Asyncio.createTask(r.readinto(dst));
            Asyncio.sleep(0).await();
            t.cancel();
            assertThatThrownBy(t::await).isInstanceOf(CancelledError.class);
            assertThat(r.lendable()).isNull();
            r.feedData(b("later"));
            assertThat(dst.position()).isZero();

            // Cancelled after the bytes went into dst but before the task ran again: they go back to the reader,
            // in front of what came after them, and dst's position is set back.
            StreamReader r2 = new StreamReader();
            ByteBuffer dst2 = ByteBuffer.allocate(4);
            Task<Integer> t2 = Asyncio.createTask(r2.readinto(dst2));
            Asyncio.sleep(0).await();
            r2.feedData(b("abcdef"));
            r2.feedData(b("gh"));
            t2.cancel();
            assertThatThrownBy(t2::await).isInstanceOf(CancelledError.class);
            assertThat(dst2.position()).isZero();
            assertThat(r2.read(100).await()).isEqualTo(b("abcdefgh"));
            return null;
        });
    }

    /** An echo server and client both on readinto, heap and direct buffers, many sizes: every byte intact. */
    @Test
    void echoesOverSocketsIntact() {
        byte[] msg = new byte[2 * 1024 * 1024 + 7];
        new Random(19).nextBytes(msg);
        byte[] echoed = StreamsTest.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(70_000);
                while (reader.readinto(buf.clear()).await() > 0) {
                    writer.write(buf.flip());
                    writer.drain().await();
                }
                writer.close();
            }, "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            Task<Void> send = Asyncio.createTask(() -> {
                c.writer().write(msg);
                c.writer().drain().await();
                c.writer().writeEof();
                return null;
            });
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            int[] sizes = {1, 17, 4096, 65_536, 300_000};
            for (int i = 0; ; i++) {
                ByteBuffer b = ByteBuffer.allocate(sizes[i % sizes.length] + 3).position(3);
                int n = c.reader().readinto(b).await();
                if (n == 0) {
                    break;
                }
                assertThat(b.position()).isEqualTo(3 + n);
                all.write(b.array(), 3, n);
            }
            send.await();
            c.writer().close();
            server.close();
            server.waitClosed().await();
            return all.toByteArray();
        });
        assertThat(echoed.length).isEqualTo(msg.length);
        assertThat(Arrays.equals(echoed, msg)).isTrue();
    }

    /** Over a pipe (a subprocess's stdout) the bytes come as arrays, fed into the waiting buffer. */
    @Test
    void readsASubprocessPipe() {
        String out = StreamsTest.run(() -> {
            Subprocess p = Subprocess.exec(List.of("printf", "%s", "from the pipe"), Subprocess.Redirect.DEVNULL,
                    Subprocess.Redirect.PIPE, Subprocess.Redirect.DEVNULL).await();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer b = ByteBuffer.allocate(3);
            while (p.stdout().readinto(b.clear()).await() > 0) {
                all.write(b.array(), 0, b.position());
            }
            p.waitFor().await();
            return all.toString(StandardCharsets.US_ASCII);
        });
        assertThat(out).isEqualTo("from the pipe");
    }
}
