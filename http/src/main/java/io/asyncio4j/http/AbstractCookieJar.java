package io.asyncio4j.http;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * aiohttp's {@code AbstractCookieJar}: where a {@link ClientSession} keeps the cookies of its responses and finds
 * those to send with a request. {@link CookieJar} implements RFC 6265; {@link DummyCookieJar} keeps nothing.
 *
 * <p>A jar belongs to its session's loop thread; implementations need not be thread-safe.
 */
public interface AbstractCookieJar extends Iterable<Cookie> {
    /**
     * aiohttp's {@code update_cookies}: stores {@code cookies} received in a response from {@code responseUrl}, or,
     * with a null URL, as shared cookies (no domain: sent with every request). A cookie the jar's rules refuse is
     * dropped.
     *
     * @param cookies     the cookies, as parsed from {@code Set-Cookie} fields; a later one replaces an earlier one
     *                    of the same name, domain and path
     * @param responseUrl the URL that sent them, or null for shared cookies
     */
    void updateCookies(Iterable<Cookie> cookies, URI responseUrl);

    /**
     * aiohttp's {@code filter_cookies}: the cookies to send with a request to {@code requestUrl}.
     *
     * @param requestUrl the request's URL
     * @return the cookies by name (one value per name), in name order
     */
    Map<String, String> filterCookies(URI requestUrl);

    /** Removes every cookie. */
    void clear();

    /**
     * Removes the cookies {@code predicate} selects (and those that have expired).
     *
     * @param predicate true for each cookie to remove
     */
    void clear(Predicate<Cookie> predicate);

    /**
     * Removes the cookies of {@code domain} and its subdomains.
     *
     * @param domain a host name, as in a URL
     */
    void clearDomain(String domain);

    /** {@return the number of cookies held (expired ones are removed first)} */
    int size();

    /** {@return a snapshot of the cookies held, expired ones removed first} */
    List<Cookie> cookies();

    @Override
    default java.util.Iterator<Cookie> iterator() {
        return cookies().iterator();
    }
}
