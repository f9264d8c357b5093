package io.asyncio4j.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * The two ways of {@link Net#sendfile}: CPython's {@code _sendfile_native} (the kernel copies the file to the
 * socket with {@link FileChannel#transferTo}, the loop waits for writability when the socket buffer is full) and
 * {@code _sendfile_fallback} (chunks read off the loop's thread and written through the transport with its flow
 * control). Every method runs on the loop's thread, inside the awaiting task.
 */
final class Sendfile {
    /** The fallback's chunk: CPython reads 16 KiB at a time; a larger one costs fewer thread hops per byte. */
    static final int FALLBACK_CHUNK = 256 * 1024;

    private Sendfile() {
    }

    /** The zero-copy path over a plain socket transport; returns the bytes sent. */
    static long nativeSend(SocketTransport t, FileChannel file, long offset, Long count) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        Future<Void> empty = t.emptyWaiter(); // throws, touching nothing, if another sendfile owns the socket
        t.sendfileActive(true); // from now on write() is refused, as CPython's
        boolean resumeReading = t.isReading();
        t.pauseReading();
        long sent = 0;
        try {
            empty.await(); // what the transport buffered goes out first, in order
            SocketChannel ch = t.channel();
            while (count == null || sent < count) {
                if (t.isClosing()) {
                    throw new ConnectionResetError("Connection is closed", null);
                }
                long want = count == null ? Long.MAX_VALUE : count - sent;
                long n;
                try {
                    n = file.transferTo(offset + sent, want, ch);
                } catch (IOException e) {
                    ConnectionError err = ConnectionError.of(String.valueOf(t.getExtraInfo("peername")), e);
                    t.abort(); // the socket failed under the transport: it cannot be used any more
                    throw err;
                }
                sent += n;
                if (n == 0) {
                    if (offset + sent >= file.size()) {
                        break; // the end of the file
                    }
                    awaitWritable(loop, ch);
                }
            }
            return sent;
        } finally {
            t.sendfileActive(false);
            if (resumeReading) {
                t.resumeReading();
            }
            if (sent > 0) {
                file.position(offset + sent);
            }
        }
    }

    private static void awaitWritable(EventLoop loop, SocketChannel ch) {
        Future<Void> ready = loop.createFuture();
        loop.addWriter(ch, () -> {
            loop.removeWriter(ch);
            if (!ready.done()) {
                ready.setResult(null);
            }
        });
        try {
            ready.await();
        } finally {
            loop.removeWriter(ch); // cancelled while waiting: the socket is the transport's again
        }
    }

    /** The read/write path through any transport; returns the bytes sent. */
    static long fallback(Transport t, FileChannel file, long offset, Long count) throws Exception {
        EventLoop loop = Asyncio.getRunningLoop();
        FallbackProtocol proto = new FallbackProtocol(loop, t);
        long sent = 0;
        try {
            while (count == null || sent < count) {
                int n = (int) Math.min(FALLBACK_CHUNK, count == null ? FALLBACK_CHUNK : count - sent);
                long at = offset + sent;
                byte[] chunk = Asyncio.toThread(() -> read(file, at, n)).await();
                if (chunk.length == 0) {
                    break;
                }
                proto.drain();
                t.write(chunk);
                sent += chunk.length;
            }
            proto.drain();
            return sent;
        } finally {
            if (sent > 0) {
                file.position(offset + sent);
            }
            proto.restore();
        }
    }

    private static byte[] read(FileChannel file, long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (file.read(b, position + b.position()) < 0) {
                break;
            }
        }
        return b.position() == n ? b.array() : java.util.Arrays.copyOf(b.array(), b.position());
    }

    /**
     * CPython's {@code _SendfileFallbackProtocol}: stands in for the transport's protocol while the fallback runs,
     * so that the transport's {@code pauseWriting}/{@code resumeWriting} make {@link #drain} wait; reading is
     * paused meanwhile, and the loss of the connection reaches the original protocol too.
     */
    private static final class FallbackProtocol implements Protocol {
        private final EventLoop loop;
        private final Transport transport;
        private final BaseProtocol original;
        private final boolean resumeReading;
        private boolean paused;
        private Throwable lost;
        private boolean closed;
        private Future<Void> writeReady;

        FallbackProtocol(EventLoop loop, Transport transport) {
            this.loop = loop;
            this.transport = transport;
            this.original = transport.getProtocol();
            this.resumeReading = transport.isReading();
            transport.pauseReading();
            transport.setProtocol(this);
        }

        void drain() {
            if (closed || transport.isClosing()) {
                throw lost instanceof RuntimeException re ? re
                        : new ConnectionResetError("Connection closed by peer", null);
            }
            if (!paused) {
                return;
            }
            writeReady = loop.createFuture();
            try {
                writeReady.await();
            } finally {
                writeReady = null;
            }
        }

        void restore() {
            if (closed) {
                return; // the original protocol has been told of the loss already
            }
            transport.setProtocol(original);
            if (paused) {
                original.pauseWriting(); // the transport will resume it, not us
            }
            if (resumeReading) {
                transport.resumeReading();
            }
        }

        @Override
        public void pauseWriting() {
            paused = true;
        }

        @Override
        public void resumeWriting() {
            paused = false;
            if (writeReady != null && !writeReady.done()) {
                writeReady.setResult(null);
            }
        }

        @Override
        public void dataReceived(byte[] data) {
            throw new IllegalStateException("Invalid state: connection should have been established already.");
        }

        @Override
        public void connectionLost(Throwable exc) {
            closed = true;
            lost = exc;
            if (writeReady != null && !writeReady.done()) {
                writeReady.setException(exc != null ? exc : new ConnectionResetError("Connection is closed by peer",
                        null));
            }
            transport.setProtocol(original);
            original.connectionLost(exc);
        }
    }
}
