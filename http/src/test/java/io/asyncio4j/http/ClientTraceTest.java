package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TraceConfig's events, in order, for requests to a keep-alive {@link RawServer} ({@code /redirect} answers 302 to
 * {@code /get}, anything else 200 "ok" once the whole request body, chunked or not, arrived) reached as
 * {@code a.test} through a test {@link Resolver}.
 */
class ClientTraceTest {
    private static RawServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RawServer(peer -> {
            RawServer.Request req;
            while ((req = peer.readRequest()) != null) {
                if ("chunked".equals(req.headers().get("Transfer-Encoding"))) {
                    ClientBodyTest.readChunked(peer.in, new ArrayList<>());
                }
                if (req.target().equals("/redirect")) {
                    peer.write("HTTP/1.1 302 Found\r\nLocation: /get\r\nContent-Length: 0\r\n\r\n");
                } else {
                    peer.ok("ok");
                }
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private final List<String> events = new ArrayList<>();

    private TraceConfig recording(String tag) {
        return new TraceConfig()
                .onRequestStart((s, ctx, p) -> {
                    ctx.merge("hops", 1, (a, b) -> (int) a + (int) b);
                    events.add(tag + "start " + p.method() + " " + p.url().getPath() + " ctx=" + ctx.get("traceRequestCtx"));
                })
                .onRequestRedirect((s, ctx, p) -> events.add(tag + "redirect " + p.response().status()))
                .onRequestEnd((s, ctx, p) -> events.add(tag + "end " + p.response().status() + " " + p.url().getPath()
                        + " hops=" + ctx.get("hops")))
                .onRequestException((s, ctx, p) -> events.add(tag + "exception "
                        + p.exception().getClass().getSimpleName()))
                .onConnectionQueuedStart((s, ctx, p) -> events.add(tag + "queued"))
                .onConnectionQueuedEnd((s, ctx, p) -> events.add(tag + "dequeued"))
                .onConnectionCreateStart((s, ctx, p) -> events.add(tag + "create"))
                .onConnectionCreateEnd((s, ctx, p) -> events.add(tag + "created"))
                .onConnectionReuseconn((s, ctx, p) -> events.add(tag + "reuse"))
                .onDnsCacheHit((s, ctx, p) -> events.add(tag + "dns hit " + p.host()))
                .onDnsCacheMiss((s, ctx, p) -> events.add(tag + "dns miss " + p.host()))
                .onDnsResolveHostStart((s, ctx, p) -> events.add(tag + "resolve " + p.host()))
                .onDnsResolveHostEnd((s, ctx, p) -> events.add(tag + "resolved " + p.host()));
    }

    /** Records the chunk events, and each request's end. */
    private TraceConfig chunks() {
        return new TraceConfig()
                .onRequestChunkSent((s, ctx, p) -> events.add("sent " + p.method() + " " + p.url().getPath() + " '"
                        + new String(p.chunk(), StandardCharsets.UTF_8) + "'"))
                .onResponseChunkReceived((s, ctx, p) -> events.add("received " + p.method() + " " + p.url().getPath()
                        + " '" + new String(p.chunk(), StandardCharsets.UTF_8) + "'"))
                .onRequestEnd((s, ctx, p) -> events.add("end " + p.url().getPath()));
    }

    private static ClientSession session(TraceConfig... configs) {
        ClientSession.Builder b = ClientSession.builder().connector(TCPConnector.builder().limit(1)
                .resolver(ClientCookieTest.loopbackNames(Set.of("a.test"))).build());
        for (TraceConfig c : configs) {
            b.traceConfig(c);
        }
        return b.build();
    }

    private static Coro<Integer> get(ClientSession s) {
        return () -> {
            try (ClientResponse r = s.get(url("/get")).await()) {
                r.read().await();
                return r.status();
            }
        };
    }

    private static String url(String path) {
        return "http://a.test:" + server.port() + path;
    }

    @Test
    void aRedirectChainOnANewThenAReusedConnection() {
        Asyncio.run(() -> {
            try (ClientSession s = session(recording(""))) {
                try (ClientResponse r = s.get(url("/redirect"), RequestOptions.builder().traceRequestCtx("mine")
                        .build()).await()) {
                    r.read().await();
                }
            }
            return null;
        });
        assertThat(events).containsExactly(
                "start GET /redirect ctx=mine", "create", "dns miss a.test", "resolve a.test", "resolved a.test",
                "created", "redirect 302",
                "start GET /get ctx=mine", "reuse",
                "end 200 /get hops=2");
    }

    @Test
    void queuedAtTheLimitAndTwoConfigsEachWithItsContext() {
        Asyncio.run(() -> {
            try (ClientSession s = session(recording("1:"), recording("2:"))) {
                s.get(url("/get")).await().read().await();     // a connection in the pool
                events.clear();
                Asyncio.gather(get(s), get(s)).await();
            }
            return null;
        });
        // the first takes the pooled connection; the second waits for it at the limit of 1
        assertThat(events).containsExactly("1:start GET /get ctx=null", "2:start GET /get ctx=null", "1:reuse",
                "2:reuse", "1:start GET /get ctx=null", "2:start GET /get ctx=null", "1:queued", "2:queued",
                "1:end 200 /get hops=1", "2:end 200 /get hops=1", "1:dequeued", "2:dequeued", "1:reuse", "2:reuse",
                "1:end 200 /get hops=1", "2:end 200 /get hops=1");
    }

    @Test
    void chunkSignalsAsAiohttpSendsThem() {
        Asyncio.run(() -> {
            try (ClientSession s = session(chunks())) {
                // no body: aiohttp's empty body is one empty chunk; read() sends the body once, text() after it not
                try (ClientResponse r = s.get(url("/get")).await()) {
                    assertThat(r.read().await()).isEqualTo(bytes("ok"));
                    assertThat(r.text().await()).isEqualTo("ok");
                }
                // a byte-array body whole; a body read from content() is not traced
                try (ClientResponse r = s.post(url("/bytes"), RequestOptions.builder().data(bytes("abc")).build())
                        .await()) {
                    assertThat(r.content().read(-1).await()).isEqualTo(bytes("ok"));
                }
                // a stream, each piece as read from it, before compression and chunk framing
                Iterator<byte[]> parts = List.of(bytes("one"), bytes("two")).iterator();
                try (ClientResponse r = s.post(url("/stream"), RequestOptions.builder().data(parts).compress("deflate")
                        .build()).await()) {
                    assertThat(r.text().await()).isEqualTo("ok");
                }
                // JSON, sent again by the hop a 302 to a GET leads to (as aiohttp); the 302's body is not read, so not
                // traced
                try (ClientResponse r = s.get(url("/redirect"), RequestOptions.builder().json(List.of(1)).build())
                        .await()) {
                    r.read().await();
                }
            }
            return null;
        });
        assertThat(events).containsExactly(
                "sent GET /get ''", "end /get", "received GET /get 'ok'",
                "sent POST /bytes 'abc'", "end /bytes",
                "sent POST /stream 'one'", "sent POST /stream 'two'", "end /stream", "received POST /stream 'ok'",
                "sent GET /redirect '[1]'", "sent GET /get '[1]'", "end /get", "received GET /get 'ok'");
    }

    @Test
    void aChunkHandlerExceptionFailsTheRequest() {
        Asyncio.run(() -> {
            TraceConfig refusing = new TraceConfig().onRequestChunkSent((x, ctx, p) -> {
                if (p.chunk().length > 0) {
                    throw new IllegalStateException("refused by the trace");
                }
            });
            try (ClientSession s = session(refusing)) {
                // inline with the head, and from the body's own task
                assertThatThrownBy(() -> s.post(url("/bytes"), RequestOptions.builder().data(bytes("abc")).build())
                        .await()).hasMessage("refused by the trace");
                Iterator<byte[]> parts = List.of(bytes("one")).iterator();
                assertThatThrownBy(() -> s.post(url("/stream"), RequestOptions.builder().data(parts).build())
                        .await()).hasMessage("refused by the trace");
                assertThat(s.get(url("/get")).await().text().await()).isEqualTo("ok");
            }
            try (ClientSession s = session(new TraceConfig().onResponseChunkReceived((x, ctx, p) -> {
                throw new IllegalStateException("body refused");
            }))) {
                try (ClientResponse r = s.get(url("/get")).await()) {
                    assertThatThrownBy(() -> r.read().await()).hasMessage("body refused");
                }
            }
            return null;
        });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void failuresAndHandlerExceptions() {
        Asyncio.run(() -> {
            try (ClientSession s = session(recording(""))) {
                assertThatThrownBy(() -> s.get("http://b.test:" + server.port() + "/").await())
                        .isInstanceOf(ClientConnectorError.class);
                // a cached name: a hit, no lookup
                s.get(url("/get")).await().close();
                s.connector().close();
            }
            try (ClientSession s = session(new TraceConfig().onRequestStart((x, ctx, p) -> {
                throw new IllegalStateException("refused by the trace");
            }))) {
                assertThatThrownBy(() -> s.get(url("/get")).await()).hasMessage("refused by the trace");
            }
            return null;
        });
        assertThat(events).containsExactly("start GET / ctx=null", "create", "dns miss b.test", "resolve b.test",
                "exception ClientConnectorError", "start GET /get ctx=null", "create", "dns miss a.test",
                "resolve a.test", "resolved a.test", "created", "end 200 /get hops=1");
    }
}
