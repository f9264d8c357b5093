package io.asyncio4j.http;

import java.net.URI;
import java.util.List;

/**
 * aiohttp's {@code ClientHttpProxyError}: the HTTP proxy answered the {@code CONNECT} of an https request with a
 * status other than 2xx ({@code 407 Proxy Authentication Required}, {@code 403 Forbidden}...). {@link #status()},
 * {@link #message()} (the reason phrase) and {@link #headers()} are the proxy's answer's; {@link #requestInfo()} is
 * the {@code CONNECT} (method, the request's URL, the fields sent to the proxy). The message names the target and the
 * proxy: {@code 407, message='Proxy Authentication Required', url='https://example.org/' (CONNECT example.org:443
 * through proxy http://127.0.0.1:3128)}.
 */
public class ClientHttpProxyError extends ClientResponseError {
    private static final long serialVersionUID = 1L;
    /** The proxy's URL. */
    private final URI proxy;
    /** The {@code host:port} of the {@code CONNECT}. */
    private final String authority;

    /**
     * An error for the proxy's answer to a {@code CONNECT}.
     *
     * @param requestInfo the {@code CONNECT}: method, the request's URL, the fields sent to the proxy
     * @param status      the proxy's status
     * @param message     the proxy's reason phrase
     * @param headers     the proxy's header fields
     * @param proxy       the proxy's URL, without credentials
     * @param authority   the {@code host:port} the {@code CONNECT} asked for
     */
    public ClientHttpProxyError(RequestInfo requestInfo, int status, String message, Headers headers, URI proxy,
                                String authority) {
        super(requestInfo, List.of(), status, message, headers);
        this.proxy = proxy;
        this.authority = authority;
    }

    /** {@return the proxy's URL (without credentials)} */
    public URI proxy() {
        return proxy;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + " (CONNECT " + authority + " through proxy " + proxy + ")";
    }
}
