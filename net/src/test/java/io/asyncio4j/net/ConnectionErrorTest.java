package io.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** {@link ConnectionError} and its subclasses: Python's names for the JDK's causes, and no cause at all. */
class ConnectionErrorTest {
    @Test
    void withoutACauseTheMessageStandsInForOne() {
        ConnectionResetError e = new ConnectionResetError("Connection lost", null);
        assertThat(e).hasMessage("Connection lost");
        assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessage("Connection lost");
    }

    @Test
    void theJdksCausesGetPythonsNames() {
        assertThat(ConnectionError.of("h:1", new ConnectException("Connection refused")))
                .isInstanceOf(ConnectionRefusedError.class).hasMessage("cannot connect to h:1: Connection refused");
        assertThat(ConnectionError.of("h:1", new IOException("Broken pipe")))
                .isInstanceOf(ConnectionResetError.class).hasMessage("connection to h:1 lost: Broken pipe");
        assertThat(ConnectionError.of("h:1", new IOException()))
                .isExactlyInstanceOf(ConnectionError.class).hasMessage("connection to h:1 failed: IOException");
    }
}
