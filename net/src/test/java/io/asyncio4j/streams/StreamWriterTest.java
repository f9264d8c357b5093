package io.asyncio4j.streams;

import static io.asyncio4j.streams.Bytes.b;
import static io.asyncio4j.streams.Bytes.repr;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.Coro;
import io.asyncio4j.net.ConnectionResetError;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** StreamWriter over real local TCP: writelines, drain and waitClosed after a reset, extra information. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamWriterTest {
    static <T> T run(Coro<T> main) {
        return StreamsTest.run(main);
    }

    @Test
    void writelinesSendsEachArrayInOrder() {
        String got = run(() -> {
            Server server = Streams.startServer(StreamsTest.ECHO_LINES, "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            c.writer().writelines(List.of(b("one "), b("two "), b(""), b("three\n")));
            c.writer().drain().await();
            String line = repr(c.reader().readline().await());
            c.writer().close();
            server.close();
            server.waitClosed().await();
            return line;
        });
        assertThat(got).isEqualTo("b'one two three\\n'");
    }

    /**
     * CPython's test_drain_raises: the peer resets the connection (SO_LINGER 0, then abort). CPython 3.12 prints
     * {@code read raises ConnectionResetError}, {@code drain raises ConnectionResetError}, {@code wait_closed raises
     * ConnectionResetError}, {@code closing True} for the same program.
     */
    @Test
    void drainAndWaitClosedRaiseTheResetThatEndedTheConnection() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            Server server = Streams.startServer((r, w) -> {
                ((SocketChannel) w.getExtraInfo("socket")).setOption(StandardSocketOptions.SO_LINGER, 0);
                w.transport().abort();
            }, "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            String where = "127.0.0.1:" + server.port();
            try {
                c.reader().read(-1).await();
                log.add("read gave EOF (wrong)");
            } catch (ConnectionResetError e) {
                log.add("read raises ConnectionResetError naming the peer " + e.getMessage().contains(where));
            }
            c.writer().write(b("x"));
            try {
                c.writer().drain().await();
                log.add("drain ok (wrong)");
            } catch (ConnectionResetError e) {
                log.add("drain raises the reader's error " + (e == c.reader().exception()));
            }
            try {
                c.writer().waitClosed().await();
                log.add("wait_closed ok (wrong)");
            } catch (ConnectionResetError e) {
                log.add("wait_closed raises ConnectionResetError");
            }
            log.add("closing " + c.writer().isClosing());
            server.close();
            server.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly("read raises ConnectionResetError naming the peer true",
                "drain raises the reader's error true", "wait_closed raises ConnectionResetError", "closing true");
    }

    @Test
    void extraInformationNamesBothEndsAndTheSocket() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            List<Object> serverSide = new ArrayList<>();
            Server server = Streams.startServer((r, w) -> {
                serverSide.add(w.getExtraInfo("peername"));
                serverSide.add(w.getExtraInfo("sockname"));
                w.write(b("hi\n"));
                w.close();
            }, "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            c.reader().readline().await();
            Object sock = c.writer().getExtraInfo("socket");
            InetSocketAddress sockname = (InetSocketAddress) c.writer().getExtraInfo("sockname");
            InetSocketAddress peername = (InetSocketAddress) c.writer().getExtraInfo("peername");
            log.add("socket is the channel " + (sock instanceof SocketChannel ch && ch.getLocalAddress()
                    .equals(sockname)));
            log.add("peername " + peername.getAddress().getHostAddress() + " server's port "
                    + (peername.getPort() == server.port()));
            log.add("the server's peer is our sockname " + serverSide.get(0).equals(sockname));
            log.add("the server's sockname is our peer " + serverSide.get(1).equals(peername));
            log.add("unknown " + c.writer().getExtraInfo("no such thing") + " sslcontext "
                    + c.writer().getExtraInfo("sslcontext"));
            c.writer().close();
            server.close();
            server.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly("socket is the channel true", "peername 127.0.0.1 server's port true",
                "the server's peer is our sockname true", "the server's sockname is our peer true",
                "unknown null sslcontext null");
    }

    /** CPython's test_wait_closed_on_close_with_unread_data: closing with bytes left unread still ends. */
    @Test
    void waitClosedEndsWithDataLeftUnread() {
        String got = run(() -> {
            Server server = Streams.startServer((r, w) -> {
                w.write(b("unread\n"));
                r.read(-1).await();
                w.close();
            }, "127.0.0.1", 0).await();
            Connection c = Streams.openConnection("127.0.0.1", server.port()).await();
            c.reader().readexactly(1).await();
            c.writer().close();
            c.writer().waitClosed().await();
            Connection c2 = Streams.openConnection("127.0.0.1", server.port()).await();
            c2.writer().close();
            c2.writer().waitClosed().await();
            server.close();
            server.waitClosed().await();
            return "closed " + c.writer().isClosing() + ", reader at EOF " + c.reader().atEof()
                    + "; nothing unread: at EOF " + c2.reader().atEof();
        });
        // CPython (with test_eof_feed_when_closing_writer): closing the writer feeds EOF to the reader, which is at
        // its end once nothing is left unread
        assertThat(got).isEqualTo("closed true, reader at EOF false; nothing unread: at EOF true");
    }
}
