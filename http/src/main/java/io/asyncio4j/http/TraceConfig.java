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
    /** A callback for one kind of event. */
    @FunctionalInterface
    public interface Handler<P> {
        /**
         * @param session the session making the request
         * @param context this request's context for this config (mutable)
         * @param params  what the event is about
         */
        void handle(ClientSession session, java.util.Map<String, Object> context, P params) throws Exception;
    }

    /** {@code on_request_start}: a request (or a redirect hop) is about to be sent. */
    public record RequestStartParams(String method, URI url, Headers headers) {
    }

    /** {@code on_request_end}: the final response's head arrived. */
    public record RequestEndParams(String method, URI url, Headers headers, ClientResponse response) {
    }

    /** {@code on_request_exception}: the request failed (or was cancelled). */
    public record RequestExceptionParams(String method, URI url, Headers headers, Throwable exception) {
    }

    /** {@code on_request_redirect}: a redirect response is followed. */
    public record RequestRedirectParams(String method, URI url, Headers headers, ClientResponse response) {
    }

    /** {@code on_request_chunk_sent}: a piece of the request body is about to be written. */
    public record RequestChunkSentParams(String method, URI url, byte[] chunk) {
    }

    /** {@code on_response_chunk_received}: the response body was read (by {@link ClientResponse#read()}). */
    public record ResponseChunkReceivedParams(String method, URI url, byte[] chunk) {
    }

    /** The connection events' parameters (aiohttp's carry nothing). */
    public record ConnectionParams() {
    }

    /** The DNS events' parameters: the host name. */
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

    private static <P> TraceConfig add(TraceConfig tc, List<Handler<P>> list, Handler<P> h) {
        list.add(Objects.requireNonNull(h, "handler is null"));
        return tc;
    }

    public TraceConfig onRequestStart(Handler<RequestStartParams> h) {
        return add(this, requestStart, h);
    }

    public TraceConfig onRequestEnd(Handler<RequestEndParams> h) {
        return add(this, requestEnd, h);
    }

    public TraceConfig onRequestException(Handler<RequestExceptionParams> h) {
        return add(this, requestException, h);
    }

    public TraceConfig onRequestRedirect(Handler<RequestRedirectParams> h) {
        return add(this, requestRedirect, h);
    }

    public TraceConfig onRequestChunkSent(Handler<RequestChunkSentParams> h) {
        return add(this, requestChunkSent, h);
    }

    public TraceConfig onResponseChunkReceived(Handler<ResponseChunkReceivedParams> h) {
        return add(this, responseChunkReceived, h);
    }

    public TraceConfig onConnectionQueuedStart(Handler<ConnectionParams> h) {
        return add(this, connectionQueuedStart, h);
    }

    public TraceConfig onConnectionQueuedEnd(Handler<ConnectionParams> h) {
        return add(this, connectionQueuedEnd, h);
    }

    public TraceConfig onConnectionCreateStart(Handler<ConnectionParams> h) {
        return add(this, connectionCreateStart, h);
    }

    public TraceConfig onConnectionCreateEnd(Handler<ConnectionParams> h) {
        return add(this, connectionCreateEnd, h);
    }

    public TraceConfig onConnectionReuseconn(Handler<ConnectionParams> h) {
        return add(this, connectionReuseconn, h);
    }

    public TraceConfig onDnsResolveHostStart(Handler<DnsParams> h) {
        return add(this, dnsResolveHostStart, h);
    }

    public TraceConfig onDnsResolveHostEnd(Handler<DnsParams> h) {
        return add(this, dnsResolveHostEnd, h);
    }

    public TraceConfig onDnsCacheHit(Handler<DnsParams> h) {
        return add(this, dnsCacheHit, h);
    }

    public TraceConfig onDnsCacheMiss(Handler<DnsParams> h) {
        return add(this, dnsCacheMiss, h);
    }
}
