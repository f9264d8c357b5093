package io.asyncio4j.http.internal;

/**
 * A request the parser rejected: the status to answer with (400 malformed, 413 body too large, 414 request line
 * too long, 431 header fields too large or too many, 501 unsupported transfer coding) and why. The connection must
 * be closed after answering: the parser cannot tell where the next request would start.
 */
public final class HttpParseException extends RuntimeException {
    private final int status;

    public HttpParseException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** Why the request was rejected, for the answer's body and the log. */
    public String reason() {
        return getMessage();
    }

    @Override
    public String toString() {
        return "HttpParseException(" + status + ", " + getMessage() + ")";
    }
}
