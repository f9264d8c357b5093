package io.asyncio4j.net;

import java.io.IOException;

/** Python's {@code ConnectionRefusedError}: nobody listens at the address (or a firewall said no). */
public class ConnectionRefusedError extends ConnectionError {
    private static final long serialVersionUID = 1L;

    public ConnectionRefusedError(String message, IOException cause) {
        super(message, cause);
    }
}
