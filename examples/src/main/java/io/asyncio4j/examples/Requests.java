package io.asyncio4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The blocking {@code requests.get(url)} of the seeds' {@code requests} programs, with the JDK's {@link HttpClient}:
 * the calling thread waits for the whole response. Like {@code requests.get}, each call uses a client (a session)
 * of its own and closes it. Never call it on a loop thread whose loop has to answer the request.
 */
public final class Requests {
    private Requests() {
    }

    /**
     * {@code requests.get(url)}: a GET over HTTP/1.1, the body read whole; an HTTP error status is returned, not
     * thrown, as {@code requests} does.
     *
     * @throws UncheckedIOException if the request fails (requests' {@code ConnectionError})
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public static HttpResponse<byte[]> get(String url) throws InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + ": " + e.getMessage(), e);
        }
    }
}
