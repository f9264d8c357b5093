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
}
