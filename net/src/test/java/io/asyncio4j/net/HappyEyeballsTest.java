package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coro;
import io.asyncio4j.ExceptionGroup;
import io.asyncio4j.Runner;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Happy eyeballs (CPython 3.8's {@code create_connection(happy_eyeballs_delay=, interleave=)}, 3.12's
 * {@code all_errors=}) in virtual time: a closed world over loopback, where an address that never answers is a
 * {@link Blackhole} (a listener whose accept queue is full drops the SYN), so the loop's clock jumps to the next
 * attempt's start without any real-time sleep.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HappyEyeballsTest {
    private static final ConnectOptions EYEBALLS = ConnectOptions.happyEyeballs();

    static <T> T virtual(Coro<T> main) {
        try (Runner r = new Runner().virtualTime(true).closedWorld(true)) {
            return r.run(main);
        }
    }

    /** A loopback port nobody listens on: connects to it are refused at once. */
    private static int refusedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Connects as {@link Sockets#startConnection} does, adding each attempt's socket to {@code opened}. */
    private static Coro<SocketChannel> connect(List<InetSocketAddress> addresses, ConnectOptions o,
                                               List<SocketChannel> opened) {
        return () -> HappyEyeballs.connect(null, addresses, o, () -> {
            SocketChannel ch = SocketChannel.open();
            opened.add(ch);
            return ch;
        });
    }

    /** Whether each socket is open. */
    private static List<Boolean> open(List<SocketChannel> channels) {
        return channels.stream().map(SocketChannel::isOpen).toList();
    }

    private static InetSocketAddress at(String ip, int port) {
        return new InetSocketAddress(ip, port);
    }

    @Test
    void interleavesByFamilyAsCPython() {
        InetSocketAddress a1 = at("127.0.0.1", 1);
        InetSocketAddress a2 = at("127.0.0.2", 1);
        InetSocketAddress a3 = at("127.0.0.3", 1);
        InetSocketAddress b1 = at("::1", 1);
        InetSocketAddress b2 = at("::2", 1);
        InetSocketAddress b3 = at("::3", 1);
        // Expected lists printed by CPython 3.12's asyncio.base_events._interleave_addrinfos on the same input.
        List<InetSocketAddress> v4first = List.of(a1, a2, a3, b1, b2);
        assertThat(HappyEyeballs.interleave(v4first, 1)).containsExactly(a1, b1, a2, b2, a3);
        assertThat(HappyEyeballs.interleave(v4first, 2)).containsExactly(a1, a2, b1, a3, b2);
        assertThat(HappyEyeballs.interleave(v4first, 3)).containsExactly(a1, a2, a3, b1, b2);
        List<InetSocketAddress> v6first = List.of(b1, a1, b2, b3, a2);
        assertThat(HappyEyeballs.interleave(v6first, 1)).containsExactly(b1, a1, b2, a2, b3);
        assertThat(HappyEyeballs.interleave(v6first, 2)).containsExactly(b1, b2, a1, b3, a2);
        assertThat(HappyEyeballs.interleave(v6first, 9)).containsExactly(b1, b2, b3, a1, a2);
        assertThat(HappyEyeballs.interleave(v6first, 0)).isEqualTo(v6first);
    }

    @Test
    void optionsFollowCPythonsDefaultsAndAreChecked() {
        assertThat(ConnectOptions.defaults().effectiveInterleave()).isZero();
        assertThat(ConnectOptions.defaults().withHappyEyeballsDelay(0.1).effectiveInterleave()).isEqualTo(1);
        assertThat(EYEBALLS.happyEyeballsDelay()).isEqualTo(0.25);
        assertThat(EYEBALLS.withInterleave(0).effectiveInterleave()).isZero();
        assertThat(EYEBALLS.withAllErrors(true).allErrors()).isTrue();
        assertThatThrownBy(() -> ConnectOptions.defaults().withHappyEyeballsDelay(-1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("happyEyeballsDelay");
        assertThatThrownBy(() -> ConnectOptions.defaults().withHappyEyeballsDelay(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectOptions.defaults().withInterleave(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interleave");
    }

    /** The proof: the first address never answers, the second does; connected after the delay. */
    @Test
    void aBlackholedFirstAddressIsPassedAfterTheDelayAndClosed() throws Exception {
        try (Blackhole hole = new Blackhole(); ServerSocketChannel good = ServerSocketChannel.open()) {
            good.bind(at("127.0.0.1", 0));
            InetSocketAddress goodAddress = (InetSocketAddress) good.getLocalAddress();
            List<SocketChannel> opened = new ArrayList<>();
            Object[] r = virtual(() -> {
                double t0 = Asyncio.getRunningLoop().time();
                SocketChannel ch = connect(List.of(hole.address(), goodAddress), EYEBALLS, opened).await();
                double elapsed = Asyncio.getRunningLoop().time() - t0;
                int peer = ((InetSocketAddress) ch.getRemoteAddress()).getPort();
                List<Boolean> open = open(opened);   // the loser's socket is closed before the await returns
                ch.close();
                return new Object[] {elapsed, peer, open, ch == opened.get(1)};
            });
            assertThat((double) r[0]).as("virtual seconds until connected").isCloseTo(0.25, within(1e-6));
            assertThat((int) r[1]).isEqualTo(goodAddress.getPort());
            assertThat(r[2]).as("sockets open: the blackholed attempt's, the winner's").isEqualTo(List.of(false, true));
            assertThat(r[3]).isEqualTo(true);
        }
    }

    /** Without happy eyeballs (CPython's default) the same addresses wait on the first until the timeout. */
    @Test
    void withoutADelayTheBlackholeHoldsTheConnectUntilTheTimeout() throws Exception {
        try (Blackhole hole = new Blackhole(); ServerSocketChannel good = ServerSocketChannel.open()) {
            good.bind(at("127.0.0.1", 0));
            InetSocketAddress goodAddress = (InetSocketAddress) good.getLocalAddress();
            String r = virtual(() -> {
                double t0 = Asyncio.getRunningLoop().time();
                try {
                    Asyncio.timeout(5.0, Sockets.startConnection(List.of(hole.address(), goodAddress),
                            ConnectOptions.defaults())).await().close();
                    return "connected";
                } catch (TimeoutError e) {
                    return "timed out after " + (Asyncio.getRunningLoop().time() - t0);
                }
            });
            assertThat(r).isEqualTo("timed out after 5.0");
        }
    }

    /** A refused latest attempt starts the next at once; the delay then runs from that start. */
    @Test
    void aFailedAttemptStartsTheNextAtOnce() throws Exception {
        int refused = refusedPort();
        try (Blackhole hole = new Blackhole(); ServerSocketChannel good = ServerSocketChannel.open()) {
            good.bind(at("127.0.0.1", 0));
            InetSocketAddress goodAddress = (InetSocketAddress) good.getLocalAddress();
            double elapsed = virtual(() -> {
                double t0 = Asyncio.getRunningLoop().time();
                Sockets.startConnection(List.of(at("127.0.0.1", refused), hole.address(), goodAddress),
                        ConnectOptions.defaults().withHappyEyeballsDelay(1.0)).await().close();
                return Asyncio.getRunningLoop().time() - t0;
            });
            assertThat(elapsed).isCloseTo(1.0, within(1e-6));
        }
    }

    /**
     * Every address failed: CPython's "Multiple exceptions: ..." naming each, and each error kept. CPython 3.12.1,
     * with and without happy_eyeballs_delay, on the same two refused addresses: {@code OSError Multiple exceptions:
     * [Errno 111] Connect call failed ('127.0.0.1', P), [Errno 111] Connect call failed ('127.0.0.2', P)}; here
     * the JDK's words, and a ConnectionRefusedError since every address refused.
     */
    @Test
    void whenEveryAddressFailsEachErrorIsReported() throws Exception {
        int port = refusedPort();
        List<InetSocketAddress> both = List.of(at("127.0.0.1", port), at("127.0.0.2", port));
        for (ConnectOptions o : List.of(EYEBALLS, ConnectOptions.defaults())) {
            Object[] r = virtual(() -> {
                double t0 = Asyncio.getRunningLoop().time();
                try {
                    Sockets.startConnection(both, o).await().close();
                    return new Object[] {"connected"};
                } catch (ConnectionRefusedError e) {
                    return new Object[] {e, Asyncio.getRunningLoop().time() - t0};
                }
            });
            ConnectionRefusedError e = (ConnectionRefusedError) r[0];
            assertThat(e.getMessage()).as(o.toString()).isEqualTo("Multiple exceptions: cannot connect to /127.0.0.1:"
                    + port + ": Connection refused, cannot connect to /127.0.0.2:" + port + ": Connection refused");
            assertThat(e.exceptions()).hasSize(2);
            assertThat(e.exceptions().get(1).getMessage()).contains("/127.0.0.2:" + port);
            assertThat(e.getSuppressed()).containsExactlyElementsOf(e.exceptions());
            assertThat((double) r[1]).as("no delay once the latest failed").isZero();
        }
    }

    /**
     * 3.12's all_errors=True: an ExceptionGroup of every address's error; CPython 3.12.1 prints
     * {@code create_connection failed (2 sub-exceptions)} for it, the same message.
     */
    @Test
    void allErrorsRaisesAnExceptionGroup() throws Exception {
        int port = refusedPort();
        Throwable t = virtual(() -> {
            try {
                Sockets.startConnection(List.of(at("127.0.0.1", port), at("127.0.0.2", port)),
                        EYEBALLS.withAllErrors(true)).await().close();
                return null;
            } catch (ExceptionGroup e) {
                return e;
            }
        });
        assertThat(t).hasMessage("create_connection failed (2 sub-exceptions)");
        assertThat(((ExceptionGroup) t).exceptions()).hasSize(2).allMatch(e -> e instanceof ConnectionRefusedError);
    }

    /** One address, or several with the same error, gives that error alone (CPython's rule). */
    @Test
    void aSingleErrorIsNotWrapped() throws Exception {
        int port = refusedPort();
        String[] r = virtual(() -> {
            String one;
            try {
                Sockets.startConnection(List.of(at("127.0.0.1", port)), EYEBALLS).await().close();
                one = "connected";
            } catch (ConnectionRefusedError e) {
                one = e.getMessage() + " " + e.exceptions().size();
            }
            String same;
            try {
                Sockets.startConnection(List.of(at("127.0.0.1", port), at("127.0.0.1", port)), EYEBALLS)
                        .await().close();
                same = "connected";
            } catch (ConnectionRefusedError e) {
                same = e.getMessage() + " " + e.exceptions().size();
            }
            return new String[] {one, same};
        });
        assertThat(r[0]).isEqualTo("cannot connect to /127.0.0.1:" + port + ": Connection refused 0");
        assertThat(r[1]).isEqualTo(r[0]);
    }

    /** Cancelling the connect cancels every attempt and closes every socket before the cancelled await returns. */
    @Test
    void cancellingClosesEverySocket() throws Exception {
        try (Blackhole hole = new Blackhole()) {
            List<SocketChannel> opened = new ArrayList<>();
            Object[] r = virtual(() -> {
                Task<SocketChannel> connecting = Asyncio.createTask(connect(
                        List.of(hole.address(), hole.address(), hole.address()), EYEBALLS, opened));
                Asyncio.sleep(0.3).await();             // two attempts pending, the third not started
                List<Boolean> during = open(opened);
                connecting.cancel();
                String how;
                try {
                    connecting.await();
                    how = "connected";
                } catch (CancelledError e) {
                    how = "cancelled";
                }
                return new Object[] {how, during, open(opened)};
            });
            assertThat(r[0]).isEqualTo("cancelled");
            assertThat(r[1]).as("sockets while two attempts pend").isEqualTo(List.of(true, true));
            assertThat(r[2]).as("sockets after the cancelled await").isEqualTo(List.of(false, false));
        }
    }

    /** Net.createConnection and Streams' openConnection take the options; a host name resolves first. */
    @Test
    void createConnectionAndOpenConnectionTakeTheOptions() throws Exception {
        List<String> got = virtual(() -> {
            List<String> out = new ArrayList<>();
            var server = io.asyncio4j.streams.Streams.startServer((reader, writer) -> {
                writer.write(reader.readline().await());
                writer.close();
            }, "127.0.0.1", 0).await();
            try {
                var c = io.asyncio4j.streams.Streams.openConnection("localhost", server.port(),
                        io.asyncio4j.streams.StreamReader.DEFAULT_LIMIT, null, EYEBALLS).await();
                c.writer().write("hi\n".getBytes());
                out.add(new String(c.reader().readline().await()).trim());
                c.writer().close();
                Connected<Protocol> cc = Net.<Protocol>createConnection(() -> new Protocol() { }, "127.0.0.1",
                        server.port(), null, EYEBALLS).await();
                out.add(String.valueOf(cc.transport().getExtraInfo("peername")));
                cc.transport().close();
                int refused = refusedPort();
                try {
                    Net.createConnection(() -> new Protocol() { }, "localhost", refused, null, EYEBALLS).await();
                } catch (ConnectionRefusedError e) {
                    out.add(e.getMessage().replace(String.valueOf(refused), "P"));
                }
            } finally {
                server.close();
            }
            return out;
        });
        assertThat(got.get(0)).isEqualTo("hi");
        assertThat(got.get(1)).contains("127.0.0.1");
        assertThat(got.get(2)).isEqualTo("cannot connect to localhost:P: Connection refused");
    }

    /** The sock= form: TLS needs a server name, as CPython's "You must set server_hostname". */
    @Test
    void aConnectedSocketNeedsAServerNameForTls() throws Exception {
        try (SocketChannel ch = SocketChannel.open()) {
            assertThatThrownBy(() -> Net.createConnection(() -> new Protocol() { }, ch,
                    TlsOptions.of(javax.net.ssl.SSLContext.getDefault())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server_hostname");
            assertThatThrownBy(() -> Net.createConnection(() -> new Protocol() { }, ch, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not connected");
        }
    }
}
