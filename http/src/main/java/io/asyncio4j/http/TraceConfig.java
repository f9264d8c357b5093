package io.asyncio4j.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * aiohttp's {@code TraceConfig}: callbacks a {@link ClientSession} calls at the steps of each request, to log,
 * measure or trace them. Register handlers, then give the config to
 * {@link ClientSession.Builder#traceConfig(TraceConfig)}:
 *
 * <pre>{@code
 * TraceConfig tc = new TraceConfig()
 *         .onRequestStart((session, ctx, p) -> ctx.put("start", Asyncio.getRunningLoop().time()))
 *         .onRequestEnd((session, ctx, p) -> log(p.url(), Asyncio.getRunningLoop().time() - (double) ctx.get("start")));
 * }</pre>
 * Each request gets, per config, a fresh mutable context map (aiohttp's {@code trace_config_ctx}) shared by all its
 * callbacks; it holds the request's {@link RequestOptions.Builder#traceRequestCtx(Object)} under
 * {@code "traceRequestCtx"} if one was given. Handlers run in the requesting task (those of {@code requestChunkSent}
 * for a body written after the head, streamed, chunked, compressed or after {@code 100 Continue}: in the task writing
 * it), in registration order, and may {@code await()}; an exception from a handler fails the request (from a
 * {@code responseChunkReceived} handler: the {@code read()}).
 *
 * <p>The events, in aiohttp's order: {@code requestStart} (each hop of a redirect chain), {@code connectionQueuedStart}
 * / {@code End} (waiting for a pool slot), {@code connectionReuseconn} or {@code connectionCreateStart} / {@code End}
 * (with {@code dnsCacheHit} or {@code dnsCacheMiss}, and {@code dnsResolveHostStart} / {@code End} when the resolver
 * is asked), {@code requestChunkSent} (the request's body, as written), {@code requestRedirect} (each redirect
 * followed), then {@code requestEnd} or {@code requestException} once; {@code responseChunkReceived} when the body
 * is read.
 *
 * <p>The chunk events are aiohttp 3.8's: {@code requestChunkSent} for each piece of the body as it is written, before
 * compression and chunk framing (a byte-array, JSON or form body: once, whole; a stream: each piece read from it; a
 * request without a body: once, with an empty chunk, as aiohttp's empty body); {@code responseChunkReceived} once
 * with the whole decoded body when {@link ClientResponse#read()} (or {@code text()}, {@code json()}) first reads it.
 * A body read piece by piece from {@link ClientResponse#content()} sends nothing, as in aiohttp 3.8. The chunk
 * arrays are the bytes themselves: handlers must not modify them.
 *
 * <p>Register handlers before the session's first request; a config is not thread-safe.
 */
public final class TraceConfig {
    /**
     * A callback for one kind of event (aiohttp's {@code async def on_...(session, trace_config_ctx, params)}).
     *
     * @param <P> the event's parameters type
     */
    @FunctionalInterface
    public interface Handler<P> {
        /**
         * Handles one event, in the task the class comment names; it may {@code await()}.
         *
         * @param session the session making the request
         * @param context this request's context for this config (mutable)
         * @param params  what the event is about
         * @throws Exception to fail the request (or the {@code read()}) with it
         */
        void handle(ClientSession session, java.util.Map<String, Object> context, P params) throws Exception;
    }

    /**
     * {@code on_request_start}: a request (or a redirect hop) is about to be sent.
     *
     * @param method  the request method
     * @param url     the hop's URL
     * @param headers the session's default headers merged with the request's (read-only), without cookies and
     *                framing headers
     */
    public record RequestStartParams(String method, URI url, Headers headers) {
    }

    /**
     * {@code on_request_end}: the final response's head arrived.
     *
     * @param method   the method of the last hop
     * @param url      the URL of the last hop
     * @param headers  the last hop's headers as in {@link RequestStartParams} (read-only)
     * @param response the response, its body not read yet
     */
    public record RequestEndParams(String method, URI url, Headers headers, ClientResponse response) {
    }

    /**
     * {@code on_request_exception}: the request failed (or was cancelled).
     *
     * @param method    the method of the hop that failed
     * @param url       the URL of the hop that failed, or null if it failed before its URL was built
     * @param headers   that hop's headers as in {@link RequestStartParams} (read-only), or null if it failed before
     *                  they were set
     * @param exception what the request throws (a {@link io.asyncio4j.CancelledError} if it was cancelled)
     */
    public record RequestExceptionParams(String method, URI url, Headers headers, Throwable exception) {
    }

    /**
     * {@code on_request_redirect}: a redirect response is followed.
     *
     * @param method   the method of the hop that got the redirect
     * @param url      the URL of the hop that got the redirect
     * @param headers  that hop's headers as in {@link RequestStartParams} (read-only)
     * @param response the redirect response (3xx)
     */
    public record RequestRedirectParams(String method, URI url, Headers headers, ClientResponse response) {
    }

    /**
     * {@code on_request_chunk_sent}: a piece of the request body is about to be written.
     *
     * @param method the request method
     * @param url    the hop's URL
     * @param chunk  the piece, before compression and chunk framing; the bytes themselves, not to be modified
     */
    public record RequestChunkSentParams(String method, URI url, byte[] chunk) {
    }

    /**
     * {@code on_response_chunk_received}: the response body was read (by {@link ClientResponse#read()}).
     *
     * @param method the request method
     * @param url    the response's URL
     * @param chunk  the whole decoded body; the bytes themselves, not to be modified
     */
    public record ResponseChunkReceivedParams(String method, URI url, byte[] chunk) {
    }

    /** The connection events' parameters (aiohttp's carry nothing). */
    public record ConnectionParams() {
    }

    /**
     * The DNS events' parameters.
     *
     * @param host the host name being resolved
     */
    public record DnsParams(String host) {
    }

    final List<Handler<RequestStartParams>> requestStart = new ArrayList<>();
    final List<Handler<RequestEndParams>> requestEnd = new ArrayList<>();
    final List<Handler<RequestExceptionParams>> requestException = new ArrayList<>();
    final List<Handler<RequestRedirectParams>> requestRedirect = new ArrayList<>();
    final List<Handler<RequestChunkSentParams>> requestChunkSent = new ArrayList<>();
    final List<Handler<ResponseChunkReceivedParams>> responseChunkReceived = new ArrayList<>();
    final List<Handler<ConnectionParams>> connectionQueuedStart = new ArrayList<>();
    final List<Handler<ConnectionParams>> connectionQueuedEnd = new ArrayList<>();
    final List<Handler<ConnectionParams>> connectionCreateStart = new ArrayList<>();
    final List<Handler<ConnectionParams>> connectionCreateEnd = new ArrayList<>();
    final List<Handler<ConnectionParams>> connectionReuseconn = new ArrayList<>();
    final List<Handler<DnsParams>> dnsResolveHostStart = new ArrayList<>();
    final List<Handler<DnsParams>> dnsResolveHostEnd = new ArrayList<>();
    final List<Handler<DnsParams>> dnsCacheHit = new ArrayList<>();
    final List<Handler<DnsParams>> dnsCacheMiss = new ArrayList<>();

    /** A config with no handlers. */
    public TraceConfig() {
    }

    private static <P> TraceConfig add(TraceConfig tc, List<Handler<P>> list, Handler<P> h) {
        list.add(Objects.requireNonNull(h, "handler is null"));
        return tc;
    }

    /**
     * aiohttp's {@code on_request_start}: registers a handler called before each request and each redirect hop.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onRequestStart(Handler<RequestStartParams> h) {
        return add(this, requestStart, h);
    }

    /**
     * aiohttp's {@code on_request_end}: registers a handler called once the final response's head arrived.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onRequestEnd(Handler<RequestEndParams> h) {
        return add(this, requestEnd, h);
    }

    /**
     * aiohttp's {@code on_request_exception}: registers a handler called once if the request fails or is cancelled.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onRequestException(Handler<RequestExceptionParams> h) {
        return add(this, requestException, h);
    }

    /**
     * aiohttp's {@code on_request_redirect}: registers a handler called for each redirect followed.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onRequestRedirect(Handler<RequestRedirectParams> h) {
        return add(this, requestRedirect, h);
    }

    /**
     * aiohttp's {@code on_request_chunk_sent}: registers a handler called for each piece of the request body.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onRequestChunkSent(Handler<RequestChunkSentParams> h) {
        return add(this, requestChunkSent, h);
    }

    /**
     * aiohttp's {@code on_response_chunk_received}: registers a handler called when {@link ClientResponse#read()}
     * first reads the body.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onResponseChunkReceived(Handler<ResponseChunkReceivedParams> h) {
        return add(this, responseChunkReceived, h);
    }

    /**
     * aiohttp's {@code on_connection_queued_start}: registers a handler called when the request starts waiting for a
     * free connection slot (the connector's limit is reached).
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onConnectionQueuedStart(Handler<ConnectionParams> h) {
        return add(this, connectionQueuedStart, h);
    }

    /**
     * aiohttp's {@code on_connection_queued_end}: registers a handler called when the wait for a slot ends.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onConnectionQueuedEnd(Handler<ConnectionParams> h) {
        return add(this, connectionQueuedEnd, h);
    }

    /**
     * aiohttp's {@code on_connection_create_start}: registers a handler called before a new connection is opened.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onConnectionCreateStart(Handler<ConnectionParams> h) {
        return add(this, connectionCreateStart, h);
    }

    /**
     * aiohttp's {@code on_connection_create_end}: registers a handler called once a new connection is open.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onConnectionCreateEnd(Handler<ConnectionParams> h) {
        return add(this, connectionCreateEnd, h);
    }

    /**
     * aiohttp's {@code on_connection_reuseconn}: registers a handler called when a pooled connection is reused.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onConnectionReuseconn(Handler<ConnectionParams> h) {
        return add(this, connectionReuseconn, h);
    }

    /**
     * aiohttp's {@code on_dns_resolvehost_start}: registers a handler called before the resolver is asked.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onDnsResolveHostStart(Handler<DnsParams> h) {
        return add(this, dnsResolveHostStart, h);
    }

    /**
     * aiohttp's {@code on_dns_resolvehost_end}: registers a handler called after the resolver answered.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onDnsResolveHostEnd(Handler<DnsParams> h) {
        return add(this, dnsResolveHostEnd, h);
    }

    /**
     * aiohttp's {@code on_dns_cache_hit}: registers a handler called when the DNS cache holds the host.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onDnsCacheHit(Handler<DnsParams> h) {
        return add(this, dnsCacheHit, h);
    }

    /**
     * aiohttp's {@code on_dns_cache_miss}: registers a handler called when the DNS cache does not hold the host.
     *
     * @param h the handler; called in registration order after those added before
     * @return this config
     * @throws NullPointerException if {@code h} is null
     */
    public TraceConfig onDnsCacheMiss(Handler<DnsParams> h) {
        return add(this, dnsCacheMiss, h);
    }
}
