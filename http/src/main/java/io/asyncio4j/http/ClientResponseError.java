package io.asyncio4j.http;

import java.util.List;

/**
 * aiohttp's {@code ClientResponseError}: a response that the caller asked to treat as an error
 * ({@link ClientResponse#raiseForStatus()}, {@code raiseForStatus} option: status 400 or above) or that could not
 * be parsed (status 400 then, as aiohttp). Its message is aiohttp's: {@code 404, message='Not Found',
 * url='http://host/path'}.
 */
public class ClientResponseError extends ClientError {
    private static final long serialVersionUID = 1L;
    /** What was sent (not serialised). */
    private final transient RequestInfo requestInfo;
    /** The redirect responses before this one (not serialised). */
    private final transient List<ClientResponse> history;
    /** The response's status, or 0. */
    private final int status;
    /** aiohttp's {@code message}. */
    private final String reason;
    /** The response's header fields (not serialised). */
    private final transient Headers headers;

    /**
     * An error for a response, with aiohttp's message and no cause.
     *
     * @param requestInfo what was sent, or null
     * @param history     the redirect responses that led here, oldest first; copied; null for none
     * @param status      the response's status, 0 if there was none
     * @param message     the reason phrase or what was wrong; null for empty
     * @param headers     the response's header fields, or null
     */
    public ClientResponseError(RequestInfo requestInfo, List<ClientResponse> history, int status, String message,
                               Headers headers) {
        this(requestInfo, history, status, message, headers, null);
    }

    /**
     * An error for a response, with aiohttp's message and {@code cause}.
     *
     * @param requestInfo what was sent, or null
     * @param history     the redirect responses that led here, oldest first; copied; null for none
     * @param status      the response's status, 0 if there was none
     * @param message     the reason phrase or what was wrong; null for empty
     * @param headers     the response's header fields, or null
     * @param cause       what caused it (a {@link io.asyncio4j.http.json.JSONDecodeError}...), or null
     */
    public ClientResponseError(RequestInfo requestInfo, List<ClientResponse> history, int status, String message,
                               Headers headers, Throwable cause) {
        super(status + ", message='" + (message == null ? "" : message) + "', url='"
                + (requestInfo == null ? "" : requestInfo.url()) + "'", cause);
        this.requestInfo = requestInfo;
        this.history = history == null ? List.of() : List.copyOf(history);
        this.status = status;
        this.reason = message == null ? "" : message;
        this.headers = headers;
    }

    /** {@return the response's status (0 if there was none)} */
    public int status() {
        return status;
    }

    /** {@return aiohttp's {@code message}: the reason phrase, or what was wrong; never null} */
    public String message() {
        return reason;
    }

    /** {@return the response's header fields, or null} */
    public Headers headers() {
        return headers;
    }

    /** {@return what was sent for the response (aiohttp's {@code request_info}), or null} */
    public RequestInfo requestInfo() {
        return requestInfo;
    }

    /** {@return the redirect responses that led to this one, oldest first; unmodifiable, empty if none} */
    public List<ClientResponse> history() {
        return history;
    }
}
