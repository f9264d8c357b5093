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
    private final transient RequestInfo requestInfo;
    private final transient List<ClientResponse> history;
    private final int status;
    private final String reason;
    private final transient Headers headers;

    public ClientResponseError(RequestInfo requestInfo, List<ClientResponse> history, int status, String message,
                               Headers headers) {
        this(requestInfo, history, status, message, headers, null);
    }

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

    /** The response's status (0 if there was none). */
    public int status() {
        return status;
    }

    /** aiohttp's {@code message}: the reason phrase, or what was wrong. */
    public String message() {
        return reason;
    }

    /** The response's header fields, or null. */
    public Headers headers() {
        return headers;
    }

    public RequestInfo requestInfo() {
        return requestInfo;
    }

    /** The redirect responses that led to this one, oldest first. */
    public List<ClientResponse> history() {
        return history;
    }
}
