package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Future;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** pauseReading/resumeReading over real TCP, and getaddrinfo on the default executor. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadingAndResolvingTest {
    static <T> T run(Coro<T> main) {
        return TransportTest.run(main);
    }

    /** Collects what it receives. */
    static final class Collector implements Protocol {
        final StringBuilder data = new StringBuilder();
        final List<String> events = new ArrayList<>();
        Transport transport;
        final Future<Void> lost = Asyncio.getRunningLoop().createFuture();
        final Future<Void> made = Asyncio.getRunningLoop().createFuture();

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            t.pauseReading();
            t.pauseReading(); // idempotent
            made.setResult(null);
        }

        @Override
        public void dataReceived(byte[] d) {
            data.append(new String(d, StandardCharsets.ISO_8859_1));
        }

        @Override
        public boolean eofReceived() {
            events.add("eofReceived");
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("connectionLost " + exc);
            lost.setResult(null);
        }
    }

    @Test
    void nothingIsReadWhilePausedAndEverythingAfterResuming() {
        List<String> out = run(() -> {
            List<String> log = new ArrayList<>();
            List<Collector> accepted = new ArrayList<>();
            AbstractServer server = Net.createServer(() -> {
                Collector c = new Collector();
                accepted.add(c);
                return c;
            }, "127.0.0.1", 0).await();
            var client = Net.createConnection(Collector::new, "127.0.0.1", server.port()).await();
            client.protocol().transport.resumeReading();
            while (accepted.isEmpty()) {
                Asyncio.sleep(0.001).await();
            }
            Collector peer = accepted.get(0);
            peer.made.await();
            for (int i = 0; i < 3; i++) {
                client.transport().write(("part" + i + ";").getBytes(StandardCharsets.ISO_8859_1));
            }
            client.transport().writeEof();
            for (int i = 0; i < 20; i++) {
                Asyncio.sleep(0.005).await(); // time for the bytes and the FIN to arrive: the peer must not read
            }
            log.add("while paused: reading=" + peer.transport.isReading() + " got '" + peer.data + "' events "
                    + peer.events);
            peer.transport.resumeReading();
            peer.transport.resumeReading(); // idempotent
            log.add("reading=" + peer.transport.isReading());
            peer.lost.await(); // the EOF comes after the data; eofReceived returns false, so it closes
            log.add("after resuming: got '" + peer.data + "' events " + peer.events);
            log.add("reading once closed=" + peer.transport.isReading());
            peer.transport.resumeReading(); // no effect on a closed transport
            client.transport().close();
            client.protocol().lost.await();
            server.close();
            server.waitClosed().await();
            return log;
        });
        assertThat(out).containsExactly("while paused: reading=false got '' events []", "reading=true",
                "after resuming: got 'part0;part1;part2;' events [eofReceived, connectionLost null]",
                "reading once closed=false");
    }

    /** A one-thread default executor for the running loop that counts the jobs it runs in {@code jobs}. */
    private static ThreadPoolExecutor countingDefaultExecutor(AtomicInteger jobs) {
        ThreadPoolExecutor counting = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void beforeExecute(Thread t, Runnable r) {
                jobs.incrementAndGet();
            }
        };
        Asyncio.getRunningLoop().setDefaultExecutor(counting);
        return counting;
    }

    @Test
    void getaddrinfoResolvesOnTheDefaultExecutorInTheResolversOrder() throws Exception {
        List<InetSocketAddress> expected = new ArrayList<>();
        for (InetAddress a : InetAddress.getAllByName("localhost")) {
            expected.add(new InetSocketAddress(a, 443));
        }
        AtomicInteger onExecutor = new AtomicInteger();
        List<Object> out = run(() -> {
            ThreadPoolExecutor counting = countingDefaultExecutor(onExecutor);
            List<InetSocketAddress> got = Sockets.getaddrinfo("localhost", 443).await();
            counting.shutdown();
            return List.of(got, onExecutor.get());
        });
        assertThat(out).containsExactly(expected, 1);
    }

    /** CPython: loop.getaddrinfo always asks the executor; create_connection's _ensure_resolved not for a literal. */
    @Test
    void ensureResolvedTakesAnAddressLiteralAtOnceWhereGetaddrinfoAsksTheExecutor() throws Exception {
        AtomicInteger onExecutor = new AtomicInteger();
        List<Object> out = run(() -> {
            ThreadPoolExecutor counting = countingDefaultExecutor(onExecutor);
            List<Object> log = new ArrayList<>();
            for (String host : List.of("127.0.0.1", "[::1]", "::1")) {
                log.add(Sockets.ensureResolved(host, 80).await().get(0).getAddress().getHostAddress());
            }
            log.add(onExecutor.get());
            log.add(Sockets.ensureResolved("localhost", 80).await().isEmpty());
            log.add(Sockets.getaddrinfo("127.0.0.1", 80).await().get(0).getPort());
            log.add(onExecutor.get());
            counting.shutdown();
            return log;
        });
        assertThat(out).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:1", 0, false, 80, 2);
    }

    @Test
    void anUnresolvableHostIsNamed() {
        assertThatThrownBy(() -> run(() -> Sockets.getaddrinfo("no-such-host.invalid", 80).await()))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("no-such-host.invalid");
        assertThatThrownBy(() -> run(() -> Net.createConnection(Collector::new, "no-such-host.invalid", 80).await()))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("no-such-host.invalid");
    }
}
