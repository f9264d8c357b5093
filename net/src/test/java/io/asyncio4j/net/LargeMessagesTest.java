package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Future;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Large messages through the socket transport, on whichever path the JVM allows: the JDK's channels in the default
 * test runs, {@link NativeSocketIo} in the net module's {@code native-socket-io} run (which sets
 * {@code asyncio4j.test.nativeSocketIo}). Bytes arrive intact, arrays handed to a protocol are never written
 * again, a written array may be changed as soon as {@code write} returns, and only what the socket did not take is
 * buffered.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LargeMessagesTest {
    private static final boolean NATIVE_EXPECTED = Boolean.getBoolean("asyncio4j.test.nativeSocketIo");

    static byte[] pattern(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Keeps every array it is given (not a copy) and echoes it if asked. */
    static class Keeper implements Protocol {
        final List<byte[]> received = new ArrayList<>();
        final boolean echo;
        Transport transport;
        long total;

        Keeper(boolean echo) {
            this.echo = echo;
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(byte[] data) {
            received.add(data);
            total += data.length;
            if (echo) {
                transport.write(data);
            }
        }

        byte[] all() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            received.forEach(out::writeBytes);
            return out.toByteArray();
        }
    }

    @Test
    void theNativePathIsTakenExactlyWhenTheJvmAllowsIt() {
        assertThat(NativeSocketIo.INSTANCE != null).isEqualTo(NATIVE_EXPECTED);
    }

    @Test
    void messagesOfEverySizeEchoIntactAndReceivedArraysAreNeverWrittenAgain() {
        int[] sizes = {1, 1000, 8191, 8192, 8193, 100 * 1024, 1024 * 1024, 4 * 1024 * 1024 + 7};
        List<String> out = TransportTest.run(() -> {
            AbstractServer server = Net.createServer(() -> new Keeper(true), "127.0.0.1", 0).await();
            Connected<Keeper> c = Net.createConnection(() -> new Keeper(false), "127.0.0.1", server.port()).await();
            List<String> log = new ArrayList<>();
            long expected = 0;
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            for (int i = 0; i < sizes.length; i++) {
                byte[] msg = pattern(sizes[i], i);
                sent.writeBytes(msg);
                expected += msg.length;
                c.transport().write(msg);
                Arrays.fill(msg, (byte) 0); // the caller's array is its own again once write returns
                while (c.protocol().total < expected) {
                    Asyncio.sleep(0.001).await();
                }
            }
            // Every array the client was handed still holds what it was handed with: checked only now, after all
            // the later reads, so a reused read buffer would show here.
            log.add("intact: " + Arrays.equals(c.protocol().all(), sent.toByteArray()));
            log.add("distinct arrays: " + c.protocol().received.stream().map(System::identityHashCode).distinct().count()
                    + "/" + c.protocol().received.size());
            c.transport().close();
            server.close();
            return log;
        });
        assertThat(out.get(0)).isEqualTo("intact: true");
        String[] counts = out.get(1).substring("distinct arrays: ".length()).split("/");
        assertThat(counts[0]).isEqualTo(counts[1]);
    }

    @Test
    void writeThroughSendsWhatTheSocketTakesAndCopiesOnlyTheRest() {
        int size = 16 * 1024 * 1024;
        List<String> out = TransportTest.run(() -> {
            List<Keeper> accepted = new ArrayList<>();
            AbstractServer server = pausedKeepers(accepted).await();
            Connected<Keeper> c = Net.createConnection(() -> new Keeper(false), "127.0.0.1", server.port()).await();
            while (accepted.isEmpty()) {
                Asyncio.sleep(0.001).await();
            }
            byte[] msg = pattern(size, 42);
            byte[] original = msg.clone();
            Transport t = c.transport();
            t.write(msg);
            int buffered = t.getWriteBufferSize();
            List<String> log = new ArrayList<>();
            log.add("part sent at once, the rest buffered: " + (buffered > 0 && buffered < size));
            Arrays.fill(msg, (byte) 1); // the buffered rest is a copy: this must not reach the peer
            t.write(new byte[] {9}); // behind the buffered rest
            accepted.get(0).transport.resumeReading();
            while (accepted.get(0).total < size + 1) {
                Asyncio.sleep(0.001).await();
            }
            byte[] got = accepted.get(0).all();
            log.add("peer got the original: " + Arrays.equals(got, 0, size, original, 0, size));
            log.add("then the later write: " + got[size]);
            log.add("buffer empty: " + t.getWriteBufferSize());
            t.close();
            server.close();
            return log;
        });
        assertThat(out).containsExactly("part sent at once, the rest buffered: true", "peer got the original: true",
                "then the later write: 9", "buffer empty: 0");
    }

    @Test
    void aBufferedProtocolGetsLargeDataIntactInHeapAndDirectBuffers() {
        for (boolean direct : new boolean[] {false, true}) {
            byte[] msg = pattern(3 * 1024 * 1024, direct ? 1 : 2);
            byte[] got = TransportTest.run(() -> {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                ByteBuffer mine = direct ? ByteBuffer.allocateDirect(50_000) : ByteBuffer.allocate(50_000);
                Future<byte[]> done = Asyncio.getRunningLoop().createFuture();
                AbstractServer server = Net.createServer(() -> new BufferedProtocol() {
                    @Override
                    public ByteBuffer getBuffer(int sizeHint) {
                        mine.clear().position(3); // the read goes from the position on, not from 0
                        return mine;
                    }

                    @Override
                    public void bufferUpdated(int nbytes) {
                        assertThat(mine.position()).isEqualTo(3 + nbytes);
                        byte[] chunk = new byte[nbytes];
                        mine.get(3, chunk);
                        all.writeBytes(chunk);
                        if (all.size() == msg.length) {
                            done.setResult(all.toByteArray());
                        }
                    }
                }, "127.0.0.1", 0).await();
                Connected<Keeper> c = Net.createConnection(() -> new Keeper(false), "127.0.0.1",
                        server.port()).await();
                c.transport().write(msg);
                byte[] r = done.await();
                c.transport().close();
                server.close();
                return r;
            });
            assertThat(got).as(direct ? "direct" : "heap").isEqualTo(msg);
        }
    }

    /** A server whose connections read nothing until resumed; each keeps what it then reads. */
    static Coro<AbstractServer> pausedKeepers(List<Keeper> accepted) {
        return Net.createServer(() -> {
            Keeper k = new Keeper(false) {
                @Override
                public void connectionMade(Transport t) {
                    super.connectionMade(t);
                    t.pauseReading(); // reads nothing until told: the socket's buffers fill
                }
            };
            accepted.add(k);
            return k;
        }, "127.0.0.1", 0);
    }

    @Test
    void aByteBufferIsSentFromItsPositionToItsLimitAndOnlyTheRestIsCopied() {
        int size = 16 * 1024 * 1024;
        for (String kind : new String[] {"direct", "heap slice", "read-only"}) {
            List<String> out = TransportTest.run(() -> {
                List<Keeper> accepted = new ArrayList<>();
                AbstractServer server = pausedKeepers(accepted).await();
                Connected<Keeper> c = Net.createConnection(() -> new Keeper(false), "127.0.0.1",
                        server.port()).await();
                while (accepted.isEmpty()) {
                    Asyncio.sleep(0.001).await();
                }
                byte[] original = pattern(size, 7);
                ByteBuffer data = switch (kind) {
                    case "direct" -> ByteBuffer.allocateDirect(size + 20).position(10).put(original).flip().position(10);
                    case "heap slice" -> ByteBuffer.wrap(new byte[size + 20]).position(5).slice()
                            .position(5).put(original).flip().position(5);
                    default -> ByteBuffer.wrap(original.clone()).asReadOnlyBuffer();
                };
                int limit = data.limit();
                Transport t = c.transport();
                t.write(data);
                List<String> log = new ArrayList<>();
                int buffered = t.getWriteBufferSize();
                log.add("part sent at once, the rest buffered: " + (buffered > 0 && buffered < size));
                log.add("position at limit: " + (data.position() == limit));
                if (!data.isReadOnly()) {
                    data.clear();
                    while (data.hasRemaining()) {
                        data.put((byte) 1); // the caller's buffer is its own again: this must not reach the peer
                    }
                }
                t.write(ByteBuffer.wrap(new byte[] {8, 9}).position(1)); // behind the buffered rest
                accepted.get(0).transport.resumeReading();
                while (accepted.get(0).total < size + 1) {
                    Asyncio.sleep(0.001).await();
                }
                byte[] got = accepted.get(0).all();
                log.add("peer got the original: " + Arrays.equals(got, 0, size, original, 0, size));
                log.add("then the later write: " + got[size] + " of " + (got.length - size));
                t.close();
                server.close();
                return log;
            });
            assertThat(out).as(kind).containsExactly("part sent at once, the rest buffered: true",
                    "position at limit: true", "peer got the original: true", "then the later write: 9 of 1");
        }
    }

    @Test
    void aByteBufferWriteChecksAsAnArrayWriteAndIsDroppedOnALostConnection() {
        List<String> out = TransportTest.run(() -> {
            AbstractServer server = Net.createServer(() -> new Keeper(false), "127.0.0.1", 0).await();
            Connected<Keeper> c = Net.createConnection(() -> new Keeper(false), "127.0.0.1", server.port()).await();
            Transport t = c.transport();
            List<String> log = new ArrayList<>();
            ByteBuffer empty = ByteBuffer.allocate(0);
            t.write(empty);
            log.add("empty: " + t.getWriteBufferSize());
            t.writeEof();
            try {
                t.write(ByteBuffer.allocate(3));
            } catch (IllegalStateException e) {
                log.add(e.getMessage());
            }
            try {
                t.write((ByteBuffer) null);
            } catch (NullPointerException e) {
                log.add("null: " + e.getMessage());
            }
            t.abort();
            Asyncio.sleep(0.01).await();
            server.close();
            return log;
        });
        assertThat(out).containsExactly("empty: 0", "Cannot call write() after write_eof()", "null: write(null)");
    }

    @Test
    void aBufferedEchoSharingOneDirectBufferAcrossConnectionsEchoesEachIntact() {
        int conns = 5;
        int size = 2 * 1024 * 1024;
        List<Boolean> out = TransportTest.run(() -> {
            ByteBuffer shared = ByteBuffer.allocateDirect(64 * 1024);
            AbstractServer server = Net.createServer(() -> new BufferedProtocol() {
                private Transport transport;

                @Override
                public void connectionMade(Transport t) {
                    transport = t;
                }

                @Override
                public ByteBuffer getBuffer(int sizeHint) {
                    return shared.clear();
                }

                @Override
                public void bufferUpdated(int nbytes) {
                    transport.write(shared.flip()); // sent or copied before it returns: the buffer is free again
                }
            }, "127.0.0.1", 0).await();
            List<Connected<Keeper>> cs = new ArrayList<>();
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < conns; i++) {
                cs.add(Net.createConnection(() -> new Keeper(false), "127.0.0.1", server.port()).await());
                sent.add(pattern(size, 100 + i));
                cs.get(i).transport().write(sent.get(i));
            }
            for (Connected<Keeper> c : cs) {
                while (c.protocol().total < size) {
                    Asyncio.sleep(0.001).await();
                }
            }
            List<Boolean> ok = new ArrayList<>();
            for (int i = 0; i < conns; i++) {
                ok.add(Arrays.equals(cs.get(i).protocol().all(), sent.get(i)));
                cs.get(i).transport().close();
            }
            server.close();
            return ok;
        });
        assertThat(out).containsOnly(true).hasSize(conns);
    }

    @Test
    void transportsWithoutTheirOwnByteBufferWriteGetACopyThroughTheDefault() {
        List<byte[]> writes = new ArrayList<>();
        // A transport with only write(byte[]) of its own: the ByteBuffer write is the interface's default.
        Transport t = (Transport) java.lang.reflect.Proxy.newProxyInstance(Transport.class.getClassLoader(),
                new Class<?>[] {Transport.class}, (proxy, m, args) -> {
                    if (m.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, m, args);
                    }
                    if (m.getName().equals("write") && args[0] instanceof byte[] data) {
                        writes.add(data);
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        ByteBuffer b = ByteBuffer.wrap("abcdef".getBytes()).position(2).limit(5);
        t.write(b);
        assertThat(b.position()).isEqualTo(5);
        assertThat(writes).hasSize(1);
        assertThat(new String(writes.get(0))).isEqualTo("cde");
    }

    // ---- the native calls themselves (only where the JVM allows them) ----

    private static SocketChannel[] pair(ServerSocketChannel listener) throws IOException {
        SocketChannel a = SocketChannel.open(listener.getLocalAddress());
        SocketChannel b = listener.accept();
        a.configureBlocking(false);
        b.configureBlocking(false);
        return new SocketChannel[] {a, b};
    }

    @Test
    void nativeCallsReadWriteReportNothingToDoEofAndErrors() throws Exception {
        assumeTrue(NativeSocketIo.INSTANCE != null, "foreign calls not allowed in this run");
        NativeSocketIo io = NativeSocketIo.INSTANCE;
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            SocketChannel[] p = pair(listener);
            int fa = io.fd(p[0]);
            int fb = io.fd(p[1]);
            byte[] buf = new byte[100];
            assertThat(io.read(fb, buf, 0, 100)).as("nothing there").isZero();
            byte[] msg = "0123456789".getBytes();
            assertThat(io.write(fa, msg, 2, 5)).isEqualTo(5);
            long until = System.nanoTime() + 5_000_000_000L;
            int got;
            do {
                got = io.read(fb, buf, 10, 90);
            } while (got == 0 && System.nanoTime() < until);
            assertThat(got).isEqualTo(5);
            assertThat(new String(buf, 10, 5)).isEqualTo("23456");
            p[0].shutdownOutput();
            int r;
            do {
                r = io.read(fb, buf, 0, 100);
            } while (r == 0 && System.nanoTime() < until);
            assertThat(r).as("EOF").isEqualTo(-1);
            p[0].close();
            p[1].close();

            // A reset: the peer closes with SO_LINGER 0 and unread data.
            SocketChannel[] q = pair(listener);
            q[0].setOption(StandardSocketOptions.SO_LINGER, 0);
            q[0].close();
            int fq = io.fd(q[1]);
            Thread.sleep(50);
            IOException e = null;
            try {
                io.read(fq, buf, 0, 100);
            } catch (IOException x) {
                e = x;
            }
            assertThat(e).isNotNull();
            assertThat(ConnectionError.of("peer", e)).isInstanceOf(ConnectionResetError.class);
            // Writing to a reset connection: an error, never a SIGPIPE.
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10; i++) {
                    io.write(fq, msg, 0, msg.length);
                    Thread.sleep(10);
                }
            }).isInstanceOf(IOException.class);
            q[1].close();
        }
    }

    @Test
    void theTransportUsesTheChannelsDescriptorOnlyOnTheNativePath() {
        String s = TransportTest.run(() -> {
            AbstractServer server = Net.createServer(() -> new Keeper(true), "127.0.0.1", 0).await();
            Connected<Keeper> c = Net.createConnection(() -> new Keeper(false), "127.0.0.1", server.port()).await();
            String r = ((SocketTransport) c.transport()).usesNativeIo() + "";
            c.transport().close();
            server.close();
            return r;
        });
        assertThat(s).isEqualTo(String.valueOf(NATIVE_EXPECTED));
    }
}
