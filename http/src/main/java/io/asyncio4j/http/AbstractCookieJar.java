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
     * Stores {@code cookies} received in a response from {@code responseUrl}, or, with a null URL, as shared
     * cookies (no domain: sent with every request).
     */
    void updateCookies(Iterable<Cookie> cookies, URI responseUrl);

    /** The cookies to send with a request to {@code requestUrl}, by name (one value per name), in name order. */
    Map<String, String> filterCookies(URI requestUrl);

    /** Removes every cookie. */
    void clear();

    /** Removes the cookies {@code predicate} selects (and those that have expired). */
    void clear(Predicate<Cookie> predicate);

    /** Removes the cookies of {@code domain} and its subdomains. */
    void clearDomain(String domain);

    /** The number of cookies held (expired ones are removed first). */
    int size();

    /** A snapshot of the cookies held, expired ones removed first. */
    List<Cookie> cookies();

    @Override
    default java.util.Iterator<Cookie> iterator() {
        return cookies().iterator();
    }
}
