package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Coro;
import io.asyncio4j.Runner;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.Streams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link AbstractServer} as a base class: what {@code Net.createServer} and {@code Streams.startServer} return, and
 * the life cycle a subclass's factory relies on (bound once, unusable before it is bound).
 */
@Timeout(10)
class AbstractServerTest {
    static <T> T run(Coro<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    /** A subclass outside the library's factories, as a user could write one. */
    static final class Plain extends AbstractServer {
        Plain() {
            super(() -> new Protocol() { }, 10, null);
        }

        Coro<Void> bind(List<String> hosts, int port) {
            return listen(hosts, port);
        }
    }

    @Test
    void theFactoriesReturnTheirServers() {
        run(() -> {
            AbstractServer plain = Net.createServer(() -> new Protocol() { }, "127.0.0.1", 0).await();
            Server streams = Streams.startServer((r, w) -> w.close(), "127.0.0.1", 0).await();
            assertThat(plain).isNotInstanceOf(Server.class);
            assertThat(streams).isInstanceOf(AbstractServer.class);
            for (AbstractServer s : List.of(plain, streams)) {
                assertThat(s.isServing()).isTrue();
                assertThat(s.port()).isPositive();
                assertThat(s.toString()).startsWith("<Server sockets=[").contains(" serving ");
                s.close();
                s.waitClosed().await();
                assertThat(s.isServing()).isFalse();
                assertThat(s.port()).isEqualTo(-1);
            }
            return null;
        });
    }

    @Test
    void aSubclassIsBoundOnceAndServes() {
        run(() -> {
            Plain s = new Plain();
            assertThat(s.isServing()).isFalse();
            assertThat(s.sockets()).isEmpty();
            s.bind(List.of("127.0.0.1"), 0).await();
            assertThat(s.isServing()).isTrue();
            int port = s.port();
            assertThat(port).isPositive();
            var connected = Net.createConnection(() -> new Protocol() { }, "127.0.0.1", port).await();
            connected.transport().close();
            assertThatThrownBy(() -> s.bind(List.of("127.0.0.1"), 0).await())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already bound");
            s.close();
            s.waitClosed().await();
            return null;
        });
    }

    @Test
    void anUnboundServerCannotServeOrBeAwaited() {
        run(() -> {
            Plain s = new Plain();
            assertThatThrownBy(() -> s.serveForever().await())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not bound yet");
            assertThatThrownBy(() -> s.waitClosed().await())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not bound yet");
            s.close();
            s.waitClosed().await(); // closed: nothing to wait for
            assertThatThrownBy(() -> s.bind(List.of("127.0.0.1"), 0).await())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
            return null;
        });
    }

    @Test
    void theArgumentsAreChecked() {
        assertThatThrownBy(() -> new AbstractServer(null, 10, null) { })
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AbstractServer(() -> new Protocol() { }, 0, null) { })
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backlog");
        Plain s = new Plain();
        assertThatThrownBy(() -> s.bind(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.bind(List.of("127.0.0.1"), 70000)).isInstanceOf(IllegalArgumentException.class);
    }
}
