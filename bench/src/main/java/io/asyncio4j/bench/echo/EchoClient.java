package io.asyncio4j.bench.echo;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Locale;

/**
 * The load of uvloop's echo benchmark: C connections each send a message of M bytes and read the echo back in
 * full, again and again (ping-pong), for S seconds after one warm-up second. One thread drives all connections
 * through a selector: the cheapest client in CPU, so that the server is what is measured.
 *
 * <pre>
 * java -cp benchmarks.jar io.asyncio4j.bench.echo.EchoClient LABEL PORT MSIZE [CONNECTIONS=10] [SECONDS=3]
 * </pre>
 *
 * Prints {@code RESULT impl=LABEL msize=M connections=C rps=<round trips/s> mbps=<MiB/s each way> all=<round
 * trips including the warm-up> client_busy=<the client's CPU time over the measured seconds>}: a client busy near
 * 1.0 is the bottleneck itself, and then a cheaper server cannot show more round trips, only less CPU per trip.
 */
public final class EchoClient {
    private EchoClient() {
    }

    /** One connection: its own view of the message (its write position) and the echo bytes still to read. */
    private static final class Conn {
        final ByteBuffer out;
        long toRead;

        Conn(ByteBuffer msg) {
            out = msg.duplicate();
        }
    }

    /**
     * Starts sending the message; what the socket does not take at once is sent when it is writable again. Never
     * spins on a full socket: that would stall the other connections (and the echo this one is waiting for).
     */
    private static void send(SelectionKey k, Conn c) throws java.io.IOException {
        c.out.clear();
        c.toRead = c.out.remaining();
        writeMore(k, c);
    }

    private static void writeMore(SelectionKey k, Conn c) throws java.io.IOException {
        ((SocketChannel) k.channel()).write(c.out);
        k.interestOps(c.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    public static void main(String[] args) throws Exception {
        String label = args[0];
        int port = Integer.parseInt(args[1]);
        int msize = Integer.parseInt(args[2]);
        int conns = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        double seconds = args.length > 4 ? Double.parseDouble(args[4]) : 3;
        long warmupEnd = System.nanoTime() + 1_000_000_000L;
        long end = warmupEnd + (long) (seconds * 1e9);
        long total = 0;
        long all = 0;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpuAtWarmupEnd = -1;
        long nanosAtWarmupEnd = 0;
        double busy;
        try (Selector sel = Selector.open()) {
            ByteBuffer msg = ByteBuffer.allocateDirect(msize);
            ByteBuffer in = ByteBuffer.allocateDirect(Math.max(msize, 65536));
            for (int i = 0; i < conns; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                // Room for a whole message each way (set before connecting, so that the window scale allows it):
                // one write sends a message, and the server's echo is never held back by the client's buffers.
                ch.setOption(StandardSocketOptions.SO_SNDBUF, Math.max(4 * msize, 256 * 1024));
                ch.setOption(StandardSocketOptions.SO_RCVBUF, Math.max(4 * msize, 256 * 1024));
                ch.connect(new InetSocketAddress("127.0.0.1", port));
                ch.configureBlocking(false);
                Conn c = new Conn(msg);
                send(ch.register(sel, SelectionKey.OP_READ, c), c);
            }
            while (System.nanoTime() < end) {
                sel.select(100);
                long now = System.nanoTime();
                if (cpuAtWarmupEnd < 0 && now >= warmupEnd) {
                    cpuAtWarmupEnd = os.getProcessCpuTime();
                    nanosAtWarmupEnd = now;
                }
                for (Iterator<SelectionKey> it = sel.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey k = it.next();
                    it.remove();
                    Conn c = (Conn) k.attachment();
                    if (k.isWritable() && c.out.hasRemaining()) {
                        writeMore(k, c);
                    }
                    if (!k.isReadable()) {
                        continue;
                    }
                    in.clear();
                    int r = ((SocketChannel) k.channel()).read(in);
                    if (r < 0) {
                        throw new IllegalStateException("server closed the connection");
                    }
                    c.toRead -= r;
                    if (c.toRead == 0 && !c.out.hasRemaining()) {
                        all++;
                        if (now >= warmupEnd) {
                            total++;
                        }
                        send(k, c);
                    }
                }
            }
            busy = (double) (os.getProcessCpuTime() - cpuAtWarmupEnd) / (System.nanoTime() - nanosAtWarmupEnd);
            for (SelectionKey k : sel.keys()) {
                k.channel().close();
            }
        }
        double rps = total / seconds;
        System.out.printf(Locale.ROOT, "RESULT impl=%s msize=%d connections=%d rps=%.0f mbps=%.1f all=%d client_busy=%.2f%n",
                label, msize, conns, rps, rps * msize / (1024.0 * 1024.0), all, busy);
    }
}
