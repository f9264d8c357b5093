package io.asyncio4j.http;

import static io.asyncio4j.http.ClientConnectionState.ACTIVE;
import static io.asyncio4j.http.ClientConnectionState.CLOSED;
import static io.asyncio4j.http.ClientConnectionState.CONNECTING;
import static io.asyncio4j.http.ClientConnectionState.EXCHANGING;
import static io.asyncio4j.http.ClientConnectionState.IDLE;
import static io.asyncio4j.http.ClientConnectionState.SWITCHED;
import static io.asyncio4j.http.ClientConnectionState.UPGRADED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import io.asyncio4j.net.BaseProtocol;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The transition table of {@link ClientConnectionState} and how the connection and its pool keep to it. */
class ClientConnectionStateTest {
    /** The diagram of the state's javadoc, written out. */
    private static final Map<ClientConnectionState, Set<ClientConnectionState>> LEGAL = Map.of(
            CONNECTING, EnumSet.of(ACTIVE),
            ACTIVE, EnumSet.of(EXCHANGING, IDLE, CLOSED),
            EXCHANGING, EnumSet.of(ACTIVE, SWITCHED),
            IDLE, EnumSet.of(ACTIVE, CLOSED),
            SWITCHED, EnumSet.of(UPGRADED, CLOSED),
            UPGRADED, EnumSet.of(CLOSED),
            CLOSED, EnumSet.noneOf(ClientConnectionState.class));

    private static final ConnectionKey KEY = new ConnectionKey("example.org", 80, false, null);

    @Test
    void exactlyTheTransitionsOfTheDiagramAreLegal() {
        for (ClientConnectionState from : ClientConnectionState.values()) {
            for (ClientConnectionState to : ClientConnectionState.values()) {
                boolean legal = LEGAL.get(from).contains(to);
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(legal);
                if (legal) {
                    assertThat(from.to(to)).isSameAs(to);
                } else {
                    assertThatThrownBy(() -> from.to(to)).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining(from + " -> " + to);
                }
            }
        }
    }

    @Test
    void theSlotIsHeldFromAcquisitionUntilReleaseOrTheEndOfAnUpgrade() {
        for (ClientConnectionState s : ClientConnectionState.values()) {
            assertThat(s.holdsSlot()).as(s.name())
                    .isEqualTo(EnumSet.of(ACTIVE, EXCHANGING, SWITCHED, UPGRADED).contains(s));
        }
    }

    @Test
    void aConnectionRefusesAMoveItsStateDoesNotAllow() {
        ClientConnection c = new ClientConnection(null, KEY, null);
        assertThat(c.state()).isEqualTo(CONNECTING);
        assertThatThrownBy(() -> c.markIdle(15, () -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONNECTING -> IDLE");
        assertThatThrownBy(() -> c.upgrade(new Protocol() { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONNECTING");
        c.acquire();
        assertThat(c.state()).isEqualTo(ACTIVE);
        assertThat(c.reused()).isFalse();
        assertThatThrownBy(c::acquire).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ACTIVE -> ACTIVE");
        c.discard();
        c.discard();            // idempotent
        assertThat(c.state()).isEqualTo(CLOSED);
        assertThat(c.holdsSlot()).isFalse();
        assertThatThrownBy(c::acquire).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CLOSED -> ACTIVE");
    }

    @Test
    void thePoolMovesAConnectionThroughItsLifeByItsMethods() {
        List<String> log = run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> out = new ArrayList<>();
            ConnectionPool pool = new ConnectionPool(0, 0, 15, false);
            pool.bind(loop);
            ClientConnection c = new ClientConnection(null, KEY, loop);
            FakeTransport t = new FakeTransport();
            c.connectionMade(t);
            assertThat(pool.acquire(KEY, Trace.NONE)).isNull();     // a slot for a new connection
            pool.register(c);
            out.add(c.state() + " " + pool.openConnections());
            pool.release(c, true);
            out.add(c.state() + " idle " + pool.idleConnections());
            ClientConnection again = pool.acquire(KEY, Trace.NONE);
            out.add((again == c) + " " + c.state() + " reused " + c.reused());
            pool.release(c, false);
            out.add(c.state() + " aborted " + t.aborted + " open " + pool.openConnections());
            pool.release(c, false);     // a second release is ignored: the slot was given back once
            out.add(c.state() + " open " + pool.openConnections());
            return out;
        });
        assertThat(log).containsExactly("ACTIVE 1", "IDLE idle 1", "true ACTIVE reused true",
                "CLOSED aborted true open 0", "CLOSED open 0");
    }

    @Test
    void anIdleConnectionThatExpiresIsClosedForGood() {
        List<String> log = run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<String> out = new ArrayList<>();
            ConnectionPool pool = new ConnectionPool(0, 0, 0.01, false);
            pool.bind(loop);
            ClientConnection c = new ClientConnection(null, KEY, loop);
            FakeTransport t = new FakeTransport();
            c.connectionMade(t);
            pool.acquire(KEY, Trace.NONE);
            pool.register(c);
            pool.release(c, true);
            out.add(c.state().name());
            Asyncio.sleep(0.05).await();
            out.add(c.state() + " aborted " + t.aborted + " idle " + pool.idleConnections());
            return out;
        });
        assertThat(log).containsExactly("IDLE", "CLOSED aborted true idle 0");
    }

    private static <T> T run(io.asyncio4j.Coro<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    /** A transport that records what the connection does to it. */
    static final class FakeTransport implements Transport {
        boolean aborted;

        @Override
        public void write(byte[] data) {
        }

        @Override
        public void writeEof() {
        }

        @Override
        public boolean canWriteEof() {
            return true;
        }

        @Override
        public void close() {
            aborted = true;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public boolean isClosing() {
            return aborted;
        }

        @Override
        public void pauseReading() {
        }

        @Override
        public void resumeReading() {
        }

        @Override
        public boolean isReading() {
            return true;
        }

        @Override
        public void setWriteBufferLimits(int high, int low) {
        }

        @Override
        public int getWriteBufferSize() {
            return 0;
        }

        @Override
        public Object getExtraInfo(String name) {
            return null;
        }

        @Override
        public BaseProtocol getProtocol() {
            return null;
        }

        @Override
        public void setProtocol(BaseProtocol protocol) {
        }
    }
}
