package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.Streams;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code reusePort} on server creation (CPython's {@code reuse_port=True}): several servers share a port; without
 * it the second bind fails; where the platform lacks {@code SO_REUSEPORT}, creation says so at once.
 */
@Timeout(10)
class ReusePortTest {
    static <T> T run(Coro<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    static final Protocol NOTHING = new Protocol() { };

    @Test
    void twoServersWithReusePortListenOnTheSamePortAndBothAccept() {
        assumeTrue(Net.reusePortSupported(), "no SO_REUSEPORT here");
        run(() -> {
            AbstractServer a = Net.createServer(() -> new Protocol() { }, List.of("127.0.0.1"), 0, 100, null, false,
                    true).await();
            Server b = Streams.startServer((r, w) -> w.close(), List.of("127.0.0.1"), a.port(), 100,
                    StreamReader.DEFAULT_LIMIT, null, false, true).await();
            assertThat(b.port()).isEqualTo(a.port());
            var c = Net.createConnection(() -> new Protocol() { }, "127.0.0.1", a.port()).await();
            c.transport().close();
            a.close();
            a.waitClosed().await();
            // the port is still served by b alone
            var d = Net.createConnection(() -> new Protocol() { }, "127.0.0.1", b.port()).await();
            d.transport().close();
            b.close();
            b.waitClosed().await();
            return null;
        });
    }

    @Test
    void withoutReusePortTheSecondBindFailsNamingThePort() {
        run(() -> {
            AbstractServer a = Net.createServer(() -> new Protocol() { }, List.of("127.0.0.1"), 0, 100, null, false,
                    Net.reusePortSupported()).await();
            try {
                assertThatThrownBy(() -> Net.createServer(() -> new Protocol() { }, List.of("127.0.0.1"), a.port(),
                        100, null, false, false).await())
                        .isInstanceOf(UncheckedIOException.class).hasMessageContaining(":" + a.port());
            } finally {
                a.close();
                a.waitClosed().await();
            }
            return null;
        });
    }

    @Test
    void whereTheKernelLacksSoReuseportCreationSaysSoAtOnce() {
        AbstractServer.simulateNoReusePort = true;
        try {
            assertThat(Net.reusePortSupported()).isFalse();
            assertThatThrownBy(() -> Net.createServer(() -> NOTHING, List.of("127.0.0.1"), 0, 100, null, false, true))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("SO_REUSEPORT is not supported on this platform");
            assertThatThrownBy(() -> Streams.startServer((r, w) -> w.close(), List.of("127.0.0.1"), 0, 100,
                    StreamReader.DEFAULT_LIMIT, null, false, true))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("SO_REUSEPORT");
            // without reusePort nothing changes
            run(() -> {
                AbstractServer s = Net.createServer(() -> NOTHING, List.of("127.0.0.1"), 0, 100, null, false, false)
                        .await();
                s.close();
                s.waitClosed().await();
                return null;
            });
        } finally {
            AbstractServer.simulateNoReusePort = false;
        }
    }
}
