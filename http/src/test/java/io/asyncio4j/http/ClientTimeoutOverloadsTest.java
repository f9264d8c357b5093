package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.web.ServerOptions;
import io.asyncio4j.http.ws.WSOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Primitive and {@link Duration} forms of the client's, the WebSocket's and the server's timeouts (issue 17, item
 * 12): {@code withTotal(5)} compiles, {@code withTotal(null)} still means no limit, and every value behaves as the
 * {@code Double} form.
 */
class ClientTimeoutOverloadsTest {
    @Test
    void clientTimeoutTakesIntsDoublesDurationsAndNull() {
        ClientTimeout t = ClientTimeout.NONE.withTotal(5).withConnect(2).withSockConnect(1.5).withSockRead(30);
        assertThat(t).isEqualTo(new ClientTimeout(5.0, 2.0, 1.5, 30.0));
        assertThat(t.withTotal(null).total()).isNull();
        assertThat(t.withSockRead(null)).isEqualTo(new ClientTimeout(5.0, 2.0, 1.5, null));
        assertThat(ClientTimeout.ofTotal(Duration.ofMillis(2500))).isEqualTo(ClientTimeout.ofTotal(2.5));
        assertThat(ClientTimeout.ofTotal(Duration.ofNanos(1)).total()).isEqualTo(1e-9);
        assertThatThrownBy(() -> t.withTotal(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ClientTimeout.total must be >= 0 or null, not -1.0");
        assertThatThrownBy(() -> t.withConnect(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientTimeout.ofTotal(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientTimeout.ofTotal((Duration) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void webSocketOptionsTakeIntsAndDurations() {
        WSOptions o = WSOptions.builder().timeout(Duration.ofMillis(1500)).receiveTimeout(5).heartbeat(30).build();
        assertThat(o.timeout()).isEqualTo(1.5);
        assertThat(o.receiveTimeout()).isEqualTo(5.0);
        assertThat(o.heartbeat()).isEqualTo(30.0);
        WSOptions none = WSOptions.builder().receiveTimeout(null).heartbeat(null).build();
        assertThat(none.receiveTimeout()).isNull();
        assertThat(none.heartbeat()).isNull();
    }

    @Test
    void serverOptionsTakeDurations() {
        ServerOptions o = ServerOptions.DEFAULT.withKeepaliveTimeout(Duration.ofSeconds(15))
                .withHeaderTimeout(Duration.ofMillis(2500)).withShutdownTimeout(Duration.ZERO)
                .withBodyTimeout(Duration.ofMinutes(2));
        assertThat(o.keepaliveTimeout()).isEqualTo(15.0);
        assertThat(o.headerTimeout()).isEqualTo(2.5);
        assertThat(o.shutdownTimeout()).isEqualTo(0.0);
        assertThat(o.bodyTimeout()).isEqualTo(120.0);
        assertThatThrownBy(() -> ServerOptions.DEFAULT.withShutdownTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerOptions.DEFAULT.withBodyTimeout((Duration) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void connectorAndTlsOptionsTakeIntsAndDurations() {
        try (TCPConnector c = TCPConnector.builder().keepaliveTimeout(Duration.ofMillis(7500)).ttlDnsCache(60).build()) {
            assertThat(c.keepaliveTimeout()).isEqualTo(7.5);
            assertThat(c.ttlDnsCache()).isEqualTo(60.0);
        }
        try (TCPConnector c = TCPConnector.builder().ttlDnsCache(null).build()) {
            assertThat(c.ttlDnsCache()).isNull();
        }
        assertThatThrownBy(() -> TCPConnector.builder().ttlDnsCache(-1)).isInstanceOf(IllegalArgumentException.class);
        io.asyncio4j.net.TlsOptions tls = io.asyncio4j.net.TlsOptions.defaults()
                .withHandshakeTimeout(Duration.ofSeconds(3)).withShutdownTimeout(Duration.ofMillis(250));
        assertThat(tls.handshakeTimeout()).isEqualTo(3.0);
        assertThat(tls.shutdownTimeout()).isEqualTo(0.25);
        assertThatThrownBy(() -> tls.withHandshakeTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tls.withShutdownTimeout((Duration) null)).isInstanceOf(NullPointerException.class);
    }
}
