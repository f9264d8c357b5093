package io.asyncio4j.net;

import java.io.IOException;

/** Python's {@code ConnectionResetError}: the peer reset or abandoned the connection, or it was lost. */
public class ConnectionResetError extends ConnectionError {
    private static final long serialVersionUID = 1L;

    /**
     * A reset or lost connection.
     *
     * @param message the message, naming the peer
     * @param cause the JDK's exception
     */
    public ConnectionResetError(String message, IOException cause) {
        super(message, cause);
    }
}
