package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** UDP endpoints: an echo server and a connected client on the loopback. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatagramTest {
    @Test
    void echoOverUdp() {
        List<String> out;
        try (Runner r = new Runner()) {
            out = r.run(() -> {
                List<String> log = new ArrayList<>();
                var server = Net.createDatagramEndpoint(() -> new DatagramProtocol() {
                    DatagramTransport t;

                    @Override
                    public void connectionMade(DatagramTransport transport) {
                        t = transport;
                    }

                    @Override
                    public void datagramReceived(byte[] data, InetSocketAddress addr) {
                        t.sendto(("echo " + new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8),
                                addr);
                    }
                }, new InetSocketAddress("127.0.0.1", 0), null).await();
                InetSocketAddress serverAddr = (InetSocketAddress) server.transport().getExtraInfo("sockname");
                List<String> got = new ArrayList<>();
                Future<Void> twoReplies = Asyncio.getRunningLoop().createFuture();
                Future<Void> closed = Asyncio.getRunningLoop().createFuture();
                var client = Net.createDatagramEndpoint(() -> new DatagramProtocol() {
                    @Override
                    public void datagramReceived(byte[] data, InetSocketAddress addr) {
                        got.add(new String(data, StandardCharsets.UTF_8) + " from server: " + addr.equals(serverAddr));
                        if (got.size() == 2) {
                            twoReplies.setResult(null);
                        }
                    }

                    @Override
                    public void connectionLost(Throwable exc) {
                        closed.setResult(null);
                    }
                }, new InetSocketAddress("127.0.0.1", 0), serverAddr).await();
                client.transport().sendto("one".getBytes(StandardCharsets.UTF_8), null);
                client.transport().sendto("two".getBytes(StandardCharsets.UTF_8), serverAddr);
                twoReplies.await();
                log.addAll(got);
                try {
                    client.transport().sendto(new byte[1], new InetSocketAddress("127.0.0.1", 9));
                } catch (IllegalArgumentException e) {
                    log.add("connected endpoint refuses another address");
                }
                client.transport().close();
                closed.await();
                log.add("closed " + client.transport().isClosing());
                server.transport().close();
                return log;
            });
        }
        assertThat(out).containsExactly("echo one from server: true", "echo two from server: true",
                "connected endpoint refuses another address", "closed true");
    }

    @Test
    void anUnconnectedEndpointNeedsAnAddress() {
        try (Runner r = new Runner()) {
            assertThatThrownBy(() -> r.run(() -> {
                var d = Net.createDatagramEndpoint(() -> new DatagramProtocol() {
                }, null, null).await();
                try {
                    d.transport().sendto(new byte[1], null);
                } finally {
                    d.transport().close();
                }
                return null;
            })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("address");
        }
    }

    /** CPython gives error_received(ConnectionRefusedError) here; the JDK's name is PortUnreachableException. */
    @Test
    void icmpPortUnreachableReachesErrorReceivedAndTheEndpointStaysOpen() throws Exception {
        int closedPort;
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = ((InetSocketAddress) probe.getLocalAddress()).getPort(); // free once closed: nobody listens
        }
        List<String> out;
        try (Runner r = new Runner()) {
            out = r.run(() -> {
                List<String> log = new ArrayList<>();
                Future<Exception> error = Asyncio.getRunningLoop().createFuture();
                InetSocketAddress remote = new InetSocketAddress("127.0.0.1", closedPort);
                var client = Net.createDatagramEndpoint(() -> new DatagramProtocol() {
                    @Override
                    public void errorReceived(Exception exc) {
                        if (!error.done()) {
                            error.setResult(exc);
                        }
                    }
                }, null, remote).await();
                log.add("peername " + remote.equals(client.transport().getExtraInfo("peername")));
                log.add("socket " + (client.transport().getExtraInfo("socket")
                        instanceof java.nio.channels.DatagramChannel));
                client.transport().sendto("anyone?".getBytes(StandardCharsets.UTF_8), null);
                log.add("errorReceived " + error.await().getClass().getSimpleName());
                log.add("still open " + !client.transport().isClosing());
                client.transport().close();
                return log;
            });
        }
        assertThat(out).containsExactly("peername true", "socket true", "errorReceived PortUnreachableException",
                "still open true");
    }
}
