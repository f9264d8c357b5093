package io.asyncio4j.http.web;

import io.asyncio4j.http.Headers;

/**
 * aiohttp's {@code web.HTTPException}: an HTTP answer thrown as an exception. A handler (or a middleware) throws
 * one, {@code throw new HTTPNotFound()}, and the server answers with its status, headers and text (by default
 * {@code "404: Not Found"} as {@code text/plain}). A middleware may catch it like any exception; the server turns
 * one that reaches it into its {@link #toResponse() response}, logging nothing.
 *
 * <p>The hierarchy is aiohttp's: {@link HTTPRedirection} (3xx; {@link HTTPMove} carries {@code Location}),
 * {@link HTTPError} with {@link HTTPClientError} (4xx) and {@link HTTPServerError} (5xx), and one class per status.
 * These exceptions are control flow, not failures: they carry no stack trace.
 */
public class HTTPException extends RuntimeException {
    /** The HTTP status, 100..599. */
    private final int status;
    /** The standard reason phrase of the status. */
    private final String reason;
    /** The answer's header fields. */
    private final Headers headers = new Headers();
    /** The answer's body text. */
    private final String text;

    /**
     * An answer with {@code status}, the standard reason phrase, and {@code text} as its body (null:
     * {@code "<status>: <reason>"}).
     *
     * @param status the HTTP status, 100..599
     * @param text   the body text and exception message, or null for {@code "<status>: <reason>"}
     * @throws IllegalArgumentException if {@code status} is outside 100..599
     */
    public HTTPException(int status, String text) {
        super(null, null, false, false);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be in 100..599, not " + status);
        }
        this.status = status;
        this.reason = Reasons.of(status);
        this.text = text != null ? text : status + ": " + reason;
    }

    /** {@return the HTTP status} */
    public int status() {
        return status;
    }

    /** {@return the standard reason phrase of the status ({@code "Not Found"})} */
    public String reason() {
        return reason;
    }

    /** {@return the answer's headers, which the thrower may add to before throwing (the same object each call)} */
    public Headers headers() {
        return headers;
    }

    /** {@return the answer's body text} */
    public String text() {
        return text;
    }

    /** {@code "<status>: <reason>"} or the text given. */
    @Override
    public String getMessage() {
        return text;
    }

    /**
     * {@return the answer as a new response: status, headers, and the text as {@code text/plain} (no body for 1xx, 204
     * and 304)}
     */
    public Response toResponse() {
        Response r = status == 204 || status == 304 || status < 200 ? new Response()
                : Response.text(text);
        r.status(status);
        headers.forEach(r.headers()::add);
        return r;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + status + ", " + text + ")";
    }
}
