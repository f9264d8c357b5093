package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.Future;
import io.asyncio4j.Runner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Transports and protocols over Unix domain sockets: {@code loop.create_unix_connection} and {@code create_unix_server}. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnixTransportTest {
    @TempDir
    Path dir;

    static <T> T run(Coro<T> main) {
        try (Runner r = new Runner()) {
            return r.run(main);
        }
    }

    /** Upper-cases what it gets and closes at EOF, logging its events. */
    static final class Upper implements Protocol {
        final List<String> log;
        Transport transport;

        Upper(List<String> log) {
            this.log = log;
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            log.add("server made socket=" + (t.getExtraInfo("socket") != null));
        }

        @Override
        public void dataReceived(byte[] data) {
            transport.write(new String(data, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean eofReceived() {
            log.add("server eof");
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            log.add("server lost " + exc);
        }
    }

    /** Collects what it gets; {@code done} completes at connection loss. */
    static final class Client implements Protocol {
        final StringBuilder got = new StringBuilder();
        final Future<Void> done = Asyncio.getRunningLoop().createFuture();

        @Override
        public void connectionMade(Transport t) {
        }

        @Override
        public void dataReceived(byte[] data) {
            got.append(new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public void connectionLost(Throwable exc) {
            done.setResult(null);
        }
    }

    @Test
    void protocolsTalkOverAUnixSocket() {
        Path path = dir.resolve("upper.sock");
        List<String> log = new ArrayList<>();
        String got = run(() -> {
            AbstractServer server = Net.createUnixServer(() -> new Upper(log), path).await();
            assertThat(server.path()).isEqualTo(path);
            assertThat(server.isServing()).isTrue();
            Connected<Client> c = Net.createUnixConnection(Client::new, path).await();
            c.transport().write("hello ".getBytes(StandardCharsets.UTF_8));
            c.transport().write("unix".getBytes(StandardCharsets.UTF_8));
            assertThat(c.transport().canWriteEof()).isTrue();
            c.transport().writeEof();
            c.protocol().done.await();
            server.close();
            assertThat(Files.exists(path, LinkOption.NOFOLLOW_LINKS)).isFalse();
            server.waitClosed().await();
            return c.protocol().got.toString();
        });
        assertThat(got).isEqualTo("HELLO UNIX");
        assertThat(log).containsExactly("server made socket=true", "server eof", "server lost null");
    }

    @Test
    void serveForeverEndsAtCloseAndTheFileGoes() {
        Path path = dir.resolve("forever.sock");
        run(() -> {
            AbstractServer server = Net.createUnixServer(() -> new Upper(new ArrayList<>()), path).await();
            Asyncio.getRunningLoop().callLater(0.05, server::close);
            // as CPython's serve_forever: close() cancels the wait, which ends in CancelledError
            assertThatThrownBy(() -> server.serveForever().await()).isInstanceOf(io.asyncio4j.CancelledError.class);
            server.waitClosed().await();
            return null;
        });
        assertThat(Files.exists(path, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aTooLongPathFailsNamingIt() {
        Path path = dir.resolve("x".repeat(120) + ".sock");
        run(() -> {
            assertThatThrownBy(() -> Net.createUnixServer(() -> new Upper(new ArrayList<>()), path).await())
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining("cannot listen on unix socket " + path);
            assertThatThrownBy(() -> Net.createUnixConnection(Client::new, path).await())
                    .isInstanceOf(ConnectionError.class).hasMessageContaining(path.toString());
            return null;
        });
    }

    @Test
    void nullArgumentsFailAtOnce() {
        assertThatThrownBy(() -> Net.createUnixServer(null, dir.resolve("a"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Net.createUnixServer(() -> new Upper(new ArrayList<>()), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Net.createUnixConnection(Client::new, null)).isInstanceOf(NullPointerException.class);
    }
}
