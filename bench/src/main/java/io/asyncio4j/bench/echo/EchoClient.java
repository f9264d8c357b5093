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
 * trips including the warm-up>}.
 */
public final class EchoClient {
    private EchoClient() {
    }

    /** Writes the whole message; the socket buffers take a message of up to 100 KiB at once, or nearly. */
    private static void send(SocketChannel ch, ByteBuffer msg) throws java.io.IOException {
        msg.clear();
        while (msg.hasRemaining()) {
            ch.write(msg);
        }
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
        try (Selector sel = Selector.open()) {
            ByteBuffer msg = ByteBuffer.allocateDirect(msize);
            ByteBuffer in = ByteBuffer.allocateDirect(Math.max(msize, 65536));
            for (int i = 0; i < conns; i++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                long[] state = {0}; // bytes of the echo still to read
                ch.register(sel, SelectionKey.OP_READ, state);
                send(ch, msg);
                state[0] = msize;
            }
            while (System.nanoTime() < end) {
                sel.select(100);
                long now = System.nanoTime();
                for (Iterator<SelectionKey> it = sel.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey k = it.next();
                    it.remove();
                    SocketChannel ch = (SocketChannel) k.channel();
                    long[] state = (long[]) k.attachment();
                    in.clear();
                    int r = ch.read(in);
                    if (r < 0) {
                        throw new IllegalStateException("server closed the connection");
                    }
                    state[0] -= r;
                    if (state[0] == 0) {
                        all++;
                        if (now >= warmupEnd) {
                            total++;
                        }
                        send(ch, msg);
                        state[0] = msize;
                    }
                }
            }
            for (SelectionKey k : sel.keys()) {
                k.channel().close();
            }
        }
        double rps = total / seconds;
        System.out.printf(Locale.ROOT, "RESULT impl=%s msize=%d connections=%d rps=%.0f mbps=%.1f all=%d%n", label,
                msize, conns, rps, rps * msize / (1024.0 * 1024.0), all);
    }
}
