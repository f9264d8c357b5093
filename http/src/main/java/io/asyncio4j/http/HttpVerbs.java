package io.asyncio4j.http;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Coro;

/**
 * The verb methods of an HTTP client ({@code get}, {@code post}, ... as aiohttp's {@code ClientSession} has them),
 * written once over {@link #request(String, String, RequestOptions)}: {@link ClientSession} implements it with
 * absolute or base-relative URLs, {@code io.asyncio4j.http.test.TestClient} with paths on its test server.
 *
 * <p>Every method returns a {@link Coro}: nothing is sent until it is awaited, and the await returns once the
 * response's head arrived (the body follows; close the response, as try-with-resources does). The methods are
 * called on the loop thread of the implementation (its session belongs to one loop) and inherit its contract for
 * threads, cancellation and errors. A method without {@code options} is the one with {@link RequestOptions#NONE}.
 */
public interface HttpVerbs {
    /**
     * Sends a request: the one method implementations provide, which every other method calls.
     *
     * @param method  a method token ({@code "GET"}, {@code "PROPFIND"}...), sent upper-cased
     * @param url     where to send it (an absolute URL, or what the implementation resolves)
     * @param options the request's options ({@link RequestOptions#NONE} for none)
     * @return the response, when awaited
     */
    @CheckReturnValue
    Coro<ClientResponse> request(String method, String url, RequestOptions options);

    /**
     * A request without options.
     *
     * @param method the method token
     * @param url    where to send it
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> request(String method, String url) {
        return request(method, url, RequestOptions.NONE);
    }

    /**
     * A GET request.
     *
     * @param url where to send it
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> get(String url) {
        return request("GET", url, RequestOptions.NONE);
    }

    /**
     * A GET request with options.
     *
     * @param url     where to send it
     * @param options the request's options
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> get(String url, RequestOptions options) {
        return request("GET", url, options);
    }

    /**
     * A POST request without a body.
     *
     * @param url where to send it
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> post(String url) {
        return request("POST", url, RequestOptions.NONE);
    }

    /**
     * A POST request with options (its body among them).
     *
     * @param url     where to send it
     * @param options the request's options
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> post(String url, RequestOptions options) {
        return request("POST", url, options);
    }

    /**
     * A PUT request without a body.
     *
     * @param url where to send it
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> put(String url) {
        return request("PUT", url, RequestOptions.NONE);
    }

    /**
     * A PUT request with options (its body among them).
     *
     * @param url     where to send it
     * @param options the request's options
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> put(String url, RequestOptions options) {
        return request("PUT", url, options);
    }

    /**
     * A PATCH request without a body.
     *
     * @param url where to send it
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> patch(String url) {
        return request("PATCH", url, RequestOptions.NONE);
    }

    /**
     * A PATCH request with options (its body among them).
     *
     * @param url     where to send it
     * @param options the request's options
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> patch(String url, RequestOptions options) {
        return request("PATCH", url, options);
    }

    /**
     * A DELETE request.
     *
     * @param url where to send it
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> delete(String url) {
        return request("DELETE", url, RequestOptions.NONE);
    }

    /**
     * A DELETE request with options.
     *
     * @param url     where to send it
     * @param options the request's options
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> delete(String url, RequestOptions options) {
        return request("DELETE", url, options);
    }

    /**
     * A HEAD request; as aiohttp's {@code session.head}, it does not follow redirects.
     *
     * @param url where to send it
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> head(String url) {
        return head(url, RequestOptions.NONE);
    }

    /**
     * A HEAD request with options; as aiohttp's {@code session.head}, it does not follow redirects unless
     * {@code options} say {@link RequestOptions.Builder#allowRedirects(boolean) allowRedirects(true)}.
     *
     * @param url     where to send it
     * @param options the request's options
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> head(String url, RequestOptions options) {
        java.util.Objects.requireNonNull(options, "options is null");
        return request("HEAD", url, options.allowRedirects() != null ? options
                : options.toBuilder().allowRedirects(false).build());
    }

    /**
     * An OPTIONS request.
     *
     * @param url where to send it
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> options(String url) {
        return request("OPTIONS", url, RequestOptions.NONE);
    }

    /**
     * An OPTIONS request with options.
     *
     * @param url     where to send it
     * @param options the request's options
     * @return the response, when awaited
     */
    @CheckReturnValue
    default Coro<ClientResponse> options(String url, RequestOptions options) {
        return request("OPTIONS", url, options);
    }
}
