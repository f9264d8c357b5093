package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** The transition tables of {@link TlsState} and {@link TlsAppState}, and how {@link TlsProtocol} keeps to them. */
class TlsStateTest {
    private static final Map<TlsState, Set<TlsState>> TLS = Map.of(
            TlsState.UNWRAPPED, EnumSet.of(TlsState.HANDSHAKING, TlsState.ABORTED, TlsState.CLOSED),
            TlsState.HANDSHAKING, EnumSet.of(TlsState.WRAPPED, TlsState.SHUTDOWN, TlsState.ABORTED, TlsState.CLOSED),
            TlsState.WRAPPED, EnumSet.of(TlsState.SHUTDOWN, TlsState.ABORTED, TlsState.CLOSED),
            TlsState.SHUTDOWN, EnumSet.of(TlsState.ABORTED, TlsState.CLOSED),
            TlsState.ABORTED, EnumSet.of(TlsState.CLOSED),
            TlsState.CLOSED, EnumSet.noneOf(TlsState.class));

    private static final Map<TlsAppState, Set<TlsAppState>> APP = Map.of(
            TlsAppState.INIT, EnumSet.of(TlsAppState.CONNECTED),
            TlsAppState.CONNECTED, EnumSet.of(TlsAppState.EOF, TlsAppState.LOST),
            TlsAppState.EOF, EnumSet.of(TlsAppState.LOST),
            TlsAppState.LOST, EnumSet.noneOf(TlsAppState.class));

    @Test
    void exactlyTheTlsLayersTransitionsOfTheDiagramAreLegal() {
        assertThat(TLS.keySet()).containsExactlyInAnyOrder(TlsState.values());
        for (TlsState from : TlsState.values()) {
            for (TlsState to : TlsState.values()) {
                boolean legal = TLS.get(from).contains(to);
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
    void exactlyTheApplicationsTransitionsOfTheDiagramAreLegal() {
        assertThat(APP.keySet()).containsExactlyInAnyOrder(TlsAppState.values());
        for (TlsAppState from : TlsAppState.values()) {
            for (TlsAppState to : TlsAppState.values()) {
                boolean legal = APP.get(from).contains(to);
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
    void theApplicationsTransportIsClosingFromTheFirstStepOfTheEndOn() {
        for (TlsState s : TlsState.values()) {
            assertThat(s.closing()).as(s.name())
                    .isEqualTo(EnumSet.of(TlsState.SHUTDOWN, TlsState.ABORTED, TlsState.CLOSED).contains(s));
        }
        for (TlsAppState s : TlsAppState.values()) {
            assertThat(s.connected()).as(s.name()).isEqualTo(s == TlsAppState.CONNECTED || s == TlsAppState.EOF);
        }
    }

    @Test
    void aConnectionLostDuringTheHandshakeFailsTheWaiterAndTellsTheApplicationNothing() {
        List<String> log = run(() -> {
            List<String> out = new ArrayList<>();
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Void> waiter = loop.createFuture();
            List<String> app = new ArrayList<>();
            TlsProtocol tls = new TlsProtocol(loop, clientEngine(), TlsOptions.defaults(), "peer:443",
                    new Protocol() {
                        @Override
                        public void connectionLost(Throwable exc) {
                            app.add("lost");
                        }
                    }, waiter);
            RawTransport raw = new RawTransport();
            out.add(tls.state() + " " + tls.appState());
            tls.connectionMade(raw);
            out.add(tls.state() + " hello sent " + (raw.written > 0));
            tls.appTransport().write("early".getBytes());      // waits for the handshake
            tls.connectionLost(null);
            out.add(tls.state() + " " + tls.appState() + " closing " + tls.appTransport().isClosing());
            out.add("waiter " + waiter.exception().getClass().getSimpleName() + " app " + app);
            try {
                tls.connectionLost(null);
            } catch (IllegalStateException e) {
                out.add(e.getMessage());
            }
            return out;
        });
        assertThat(log).containsExactly("UNWRAPPED INIT", "HANDSHAKING hello sent true",
                "CLOSED INIT closing true", "waiter ConnectionResetError app []",
                "TlsProtocol: illegal TLS transition CLOSED -> CLOSED");
    }

    @Test
    void closingBeforeTheHandshakeEndedAbortsAsCPythonDoes() {
        List<String> log = run(() -> {
            List<String> out = new ArrayList<>();
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Void> waiter = loop.createFuture();
            TlsProtocol tls = new TlsProtocol(loop, clientEngine(), TlsOptions.defaults(), "peer:443",
                    new Protocol() { }, waiter);
            RawTransport raw = new RawTransport();
            tls.connectionMade(raw);
            tls.appTransport().close();
            out.add(tls.state() + " aborted " + raw.aborted + " closing " + tls.appTransport().isClosing());
            tls.appTransport().close();         // idempotent
            tls.appTransport().abort();
            int before = raw.written;
            tls.appTransport().write("late".getBytes());        // goes nowhere, as on an aborted plain transport
            out.add(tls.state() + " written " + (raw.written - before));
            tls.connectionLost(null);
            out.add(tls.state() + " waiter failed " + (waiter.exception() != null));
            return out;
        });
        assertThat(log).containsExactly("ABORTED aborted true closing true", "ABORTED written 0",
                "CLOSED waiter failed true");
    }

    private static SSLEngine clientEngine() throws Exception {
        SSLEngine e = SSLContext.getDefault().createSSLEngine("peer", 443);
        e.setUseClientMode(true);
        return e;
    }

    private static <T> T run(Coro<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    /** A raw transport that records what the TLS protocol does to it. */
    private static final class RawTransport implements Transport {
        int written;
        boolean aborted;
        boolean closed;

        @Override
        public void write(byte[] data) {
            written += data.length;
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
            closed = true;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public boolean isClosing() {
            return closed || aborted;
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
