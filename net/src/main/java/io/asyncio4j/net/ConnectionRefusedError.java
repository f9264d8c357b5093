package io.asyncio4j.net;

import java.io.IOException;

/** Python's {@code ConnectionRefusedError}: nobody listens at the address (or a firewall said no). */
public class ConnectionRefusedError extends ConnectionError {
    private static final long serialVersionUID = 1L;

    /**
     * A refused connection.
     *
     * @param message the message, naming the peer
     * @param cause the JDK's exception
     */
    public ConnectionRefusedError(String message, IOException cause) {
        super(message, cause);
    }

    /**
     * A connection to several addresses that all refused; see
     * {@link ConnectionError#ConnectionError(String, IOException, java.util.List)}.
     *
     * @param message the message, naming every address tried
     * @param cause the JDK's exception of the first address
     * @param exceptions the error of each address tried, in order; copied
     */
    public ConnectionRefusedError(String message, IOException cause,
                                  java.util.List<? extends ConnectionError> exceptions) {
        super(message, cause, exceptions);
    }
}
