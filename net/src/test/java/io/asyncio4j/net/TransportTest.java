package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Transports and protocols over real local TCP: createConnection, createServer, flow control, close and abort. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TransportTest {
    static <T> T run(Coro<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    /** A server whose connections read nothing until {@link #startReading}; it adds them to {@code accepted}. */
    static Coro<AbstractServer> nonReadingServer(List<Transport> accepted) {
        return Net.createServer(() -> new Protocol() {
            @Override
            public void connectionMade(Transport t) {
                t.pauseReading();
                accepted.add(t);
            }
        }, "127.0.0.1", 0);
    }

    /** Makes the first connection of a {@link #nonReadingServer} read (and drop) what it is sent. */
    static void startReading(List<Transport> accepted) {
        while (accepted.isEmpty()) {
            Asyncio.sleep(0.001).await();
        }
        accepted.get(0).resumeReading();
    }

    /** Records its callbacks; echoes what it receives if asked. */
    static final class Recorder implements Protocol {
        final List<String> events = new ArrayList<>();
        final StringBuilder data = new StringBuilder();
        final boolean echo;
        final boolean keepOpenOnEof;
        Transport transport;
        final Future<Void> lost;

        Recorder(boolean echo, boolean keepOpenOnEof) {
            this.echo = echo;
            this.keepOpenOnEof = keepOpenOnEof;
            this.lost = Asyncio.getRunningLoop().createFuture();
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            events.add("connectionMade");
        }

        @Override
        public void dataReceived(byte[] d) {
            data.append(new String(d, StandardCharsets.ISO_8859_1));
            if (echo) {
                transport.write(d);
            }
        }

        @Override
        public boolean eofReceived() {
            events.add("eofReceived");
            return keepOpenOnEof;
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("connectionLost " + (exc == null ? "None" : exc.getClass().getSimpleName()));
            lost.setResult(null);
        }

        @Override
        public void pauseWriting() {
            events.add("pauseWriting");
        }

        @Override
        public void resumeWriting() {
            events.add("resumeWriting");
        }
    }

    @Test
    void echoOverProtocolsWithHalfClose() {
        List<String> out = run(() -> {
            List<Recorder> serverSide = new ArrayList<>();
            AbstractServer server = Net.createServer(() -> {
                Recorder r = new Recorder(true, true);
                serverSide.add(r);
                return r;
            }, "127.0.0.1", 0).await();
            Connected<Recorder> c = Net.createConnection(() -> new Recorder(false, false), "127.0.0.1",
                    server.port()).await();
            c.transport().write("ping".getBytes(StandardCharsets.ISO_8859_1));
            while (c.protocol().data.length() < 4) {
                Asyncio.sleep(0.001).await();
            }
            c.transport().writeEof();           // the server keeps its side open on EOF...
            while (!serverSide.get(0).events.contains("eofReceived")) {
                Asyncio.sleep(0.001).await();
            }
            serverSide.get(0).transport.write("after eof".getBytes(StandardCharsets.ISO_8859_1)); // ...and still writes
            serverSide.get(0).transport.close();
            c.protocol().lost.await();
            serverSide.get(0).lost.await();
            List<String> log = new ArrayList<>();
            log.add("client got " + c.protocol().data);
            log.add("client " + c.protocol().events);
            log.add("server " + serverSide.get(0).events);
            log.add("sockname is local: " + (c.transport().getExtraInfo("sockname") instanceof InetSocketAddress));
            server.close();
            return log;
        });
        assertThat(out).containsExactly("client got pingafter eof",
                "client [connectionMade, eofReceived, connectionLost None]",
                "server [connectionMade, eofReceived, connectionLost None]",
                "sockname is local: true");
    }

    @Test
    void writeBufferWaterMarksPauseAndResumeTheProtocol() {
        List<String> out = run(() -> {
            List<Transport> accepted = new ArrayList<>();
            AbstractServer server = nonReadingServer(accepted).await();
            Connected<Recorder> c = Net.createConnection(() -> new Recorder(false, false), "127.0.0.1",
                    server.port()).await();
            Transport t = c.transport();
            t.setWriteBufferLimits(1024 * 1024, 1024);
            byte[] chunk = new byte[64 * 1024];
            while (!c.protocol().events.contains("pauseWriting")) {
                t.write(chunk); // the peer does not read: the socket buffers fill, then ours
            }
            List<String> log = new ArrayList<>();
            log.add("paused above high: " + (t.getWriteBufferSize() > 1024 * 1024));
            startReading(accepted); // the peer drains the connection (its protocol drops the data)
            while (!c.protocol().events.contains("resumeWriting")) {
                Asyncio.sleep(0.001).await();
            }
            log.add("resumed at or below low: " + (t.getWriteBufferSize() <= 1024));
            t.close();
            c.protocol().lost.await();
            log.add(c.protocol().events.toString());
            server.close();
            return log;
        });
        assertThat(out).containsExactly("paused above high: true", "resumed at or below low: true",
                "[connectionMade, pauseWriting, resumeWriting, connectionLost None]");
    }

    @Test
    void errorsOfPauseAndResumeWritingGoToTheExceptionHandlerWithCPythonsMessages() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            List<Transport> accepted = new ArrayList<>();
            AbstractServer server = nonReadingServer(accepted).await();
            List<String> events = new ArrayList<>();
            Connected<Protocol> c = Net.<Protocol>createConnection(() -> new Protocol() {
                @Override
                public void pauseWriting() {
                    events.add("pauseWriting");
                    throw new IllegalStateException("no pause");
                }

                @Override
                public void resumeWriting() {
                    events.add("resumeWriting");
                    throw new IllegalStateException("no resume");
                }
            }, "127.0.0.1", server.port()).await();
            Transport t = c.transport();
            Asyncio.getRunningLoop().setExceptionHandler((l, ctx) -> log.add(ctx.get("message") + ": "
                    + ((Throwable) ctx.get("exception")).getMessage() + ", transport given: "
                    + (ctx.get("transport") == t) + ", protocol given: " + (ctx.get("protocol") == c.protocol())));
            byte[] chunk = new byte[64 * 1024];
            while (events.isEmpty()) {
                t.write(chunk); // does not throw: the peer does not read, the socket buffers fill, then ours
            }
            log.add("paused above high: " + (t.getWriteBufferSize() > 64 * 1024));
            startReading(accepted); // the peer drains the connection
            while (events.size() < 2) {
                Asyncio.sleep(0.001).await();
            }
            log.add(events + ", closing: " + t.isClosing());
            t.close();
            server.close();
            return log;
        });
        assertThat(out).containsExactly(
                "protocol.pause_writing() failed: no pause, transport given: true, protocol given: true",
                "paused above high: true",
                "protocol.resume_writing() failed: no resume, transport given: true, protocol given: true",
                "[pauseWriting, resumeWriting], closing: false");
    }

    @Test
    void abortDropsBufferedDataAndCloseSendsItFirst() {
        List<String> out = run(() -> {
            List<Recorder> serverSide = new ArrayList<>();
            AbstractServer server = Net.createServer(() -> {
                Recorder r = new Recorder(false, false);
                serverSide.add(r);
                return r;
            }, "127.0.0.1", 0).await();
            Connected<Recorder> closer = Net.createConnection(() -> new Recorder(false, false), "127.0.0.1",
                    server.port()).await();
            closer.transport().write("sent before close".getBytes(StandardCharsets.ISO_8859_1));
            closer.transport().close();
            closer.transport().close(); // idempotent
            closer.protocol().lost.await();
            while (serverSide.isEmpty() || !serverSide.get(0).lost.done()) {
                Asyncio.sleep(0.001).await();
            }
            Connected<Recorder> aborter = Net.createConnection(() -> new Recorder(false, false), "127.0.0.1",
                    server.port()).await();
            aborter.transport().abort();
            aborter.protocol().lost.await();
            List<String> log = new ArrayList<>();
            log.add("server got " + serverSide.get(0).data);
            log.add("closing " + closer.transport().isClosing() + " " + aborter.transport().isClosing());
            log.add("abort " + aborter.protocol().events);
            server.close();
            return log;
        });
        assertThat(out).containsExactly("server got sent before close", "closing true true",
                "abort [connectionMade, connectionLost None]");
    }

    @Test
    void bufferedProtocolReadsIntoItsOwnBuffer() {
        String got = run(() -> {
            ByteBuffer mine = ByteBuffer.allocate(1024);
            Future<String> done = Asyncio.getRunningLoop().createFuture();
            AbstractServer server = Net.createServer(() -> new BufferedProtocol() {
                @Override
                public ByteBuffer getBuffer(int sizeHint) {
                    return mine;
                }

                @Override
                public void bufferUpdated(int nbytes) {
                    if (mine.position() >= 5) {
                        done.setResult(new String(mine.array(), 0, mine.position(), StandardCharsets.ISO_8859_1));
                    }
                }
            }, "127.0.0.1", 0).await();
            Connected<Recorder> c = Net.createConnection(() -> new Recorder(false, false), "127.0.0.1",
                    server.port()).await();
            c.transport().write("hello".getBytes(StandardCharsets.ISO_8859_1));
            String s = done.await();
            c.transport().close();
            server.close();
            return s;
        });
        assertThat(got).isEqualTo("hello");
    }

    @Test
    void socketCoroutinesConnectAcceptSendAndReceive() {
        List<String> out = run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> log = new ArrayList<>();
            try (var listener = java.nio.channels.ServerSocketChannel.open();
                 var client = java.nio.channels.SocketChannel.open()) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                listener.configureBlocking(false);
                var accept = Asyncio.createTask(Sockets.sockAccept(listener));
                Sockets.sockConnect(client, (InetSocketAddress) listener.getLocalAddress()).await();
                try (var conn = accept.await()) {
                    byte[] big = new byte[4 * 1024 * 1024];
                    big[big.length - 1] = 42;
                    var send = Asyncio.createTask(Sockets.sockSendall(client, big));
                    ByteBuffer into = ByteBuffer.allocate(big.length);
                    while (into.hasRemaining()) {
                        Sockets.sockRecvInto(conn, into).await();
                    }
                    send.await();
                    log.add("received " + into.position() + " last=" + into.get(big.length - 1));
                    client.shutdownOutput();
                    log.add("eof gives " + Sockets.sockRecv(conn, 10).await().length + " bytes");
                }
            }
            log.add("resolved " + Sockets.getaddrinfo("localhost", 80).await().get(0).getPort());
            log.add("loop still has watchers: " + loop.removeReader(java.nio.channels.Pipe.open().source()));
            return log;
        });
        assertThat(out).containsExactly("received 4194304 last=42", "eof gives 0 bytes", "resolved 80",
                "loop still has watchers: false");
    }

    /**
     * A loop that only runs clients (its peer is a plain blocking server on another thread) and then has nothing to
     * watch still lets go of each closed connection's socket: nothing stays open once it is idle.
     */
    @Test
    void aLoopWithNothingLeftToWatchLetsGoOfClosedSockets() throws Exception {
        java.nio.file.Path fds = java.nio.file.Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(fds), "not Linux");
        try (java.net.ServerSocket peer = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread.ofPlatform().daemon().start(() -> {
                while (true) {
                    try (java.net.Socket s = peer.accept()) {
                        s.getInputStream().readAllBytes(); // until the client closes
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            List<Integer> counts = run(() -> {
                Connected<Recorder> warm = Net.createConnection(() -> new Recorder(false, false), "127.0.0.1",
                        peer.getLocalPort()).await();
                warm.transport().close();
                warm.protocol().lost.await();
                Asyncio.sleep(0.05).await();
                int before = countFds(fds);
                for (int i = 0; i < 20; i++) {
                    Connected<Recorder> c = Net.createConnection(() -> new Recorder(false, false), "127.0.0.1",
                            peer.getLocalPort()).await();
                    c.transport().write("bye".getBytes(StandardCharsets.ISO_8859_1));
                    c.transport().close();
                    c.protocol().lost.await();
                }
                int after = countFds(fds);
                for (int i = 0; i < 100 && after != before; i++) { // idle: the peer thread closes its ends
                    Asyncio.sleep(0.05).await();
                    after = countFds(fds);
                }
                return List.of(before, after);
            });
            assertThat(counts.get(1)).as("descriptors before and after").isEqualTo(counts.get(0));
        }
    }

    static int countFds(java.nio.file.Path fds) throws java.io.IOException {
        try (var s = java.nio.file.Files.list(fds)) {
            return (int) s.count();
        }
    }
}
