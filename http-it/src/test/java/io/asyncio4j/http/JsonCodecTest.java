package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.json.JSONDecodeError;
import io.asyncio4j.http.json.JsonCodec;
import io.asyncio4j.http.json.TypeRef;
import io.asyncio4j.http.test.TestClient;
import io.asyncio4j.http.test.TestServer;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.WebSocketResponse;
import io.asyncio4j.http.ws.WSMessage;
import io.asyncio4j.http.ws.WSMsgType;
import java.io.File;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link JsonCodec}: the default (java.time, errors, laziness) and a codec of one's own on each end. */
class JsonCodecTest {
    public record Event(String name, Instant at, LocalDate day) {
    }

    public record Item(String id, int n) {
    }

    /** A generic type to read into, taken from a field. */
    static List<Item> listOfItems;

    /** Wraps what the default codec writes as {@code {"codec": name, "value": ...}}; logs every call. */
    static final class TaggingCodec implements JsonCodec {
        final String name;
        final List<String> log = new CopyOnWriteArrayList<>();

        TaggingCodec(String name) {
            this.name = name;
        }

        @Override
        public byte[] encode(Object value) {
            log.add("encode " + value);
            Map<String, Object> tagged = new LinkedHashMap<>();
            tagged.put("codec", name);
            tagged.put("value", value);
            return JsonCodec.defaultCodec().encode(tagged);
        }

        @Override
        public <T> T decode(byte[] json, Type type) {
            log.add("decode " + type.getTypeName());
            return JsonCodec.defaultCodec().decode(json, type);
        }
    }

    private static final Event EVENT = new Event("launch", Instant.parse("2024-05-01T12:00:00Z"),
            LocalDate.parse("2024-05-01"));

    @Test
    void responseJsonOfARecordHoldingAnInstantWritesIso8601() {
        Response r = Response.json(EVENT);
        assertThat(r.bodyText()).isEqualTo("{\"name\":\"launch\",\"at\":\"2024-05-01T12:00:00Z\",\"day\":\"2024-05-01\"}");
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.charset()).isEqualTo("utf-8");
    }

    @Test
    void theDefaultCodecReadsIso8601BackIntoARecordAndGenericTypes() throws Exception {
        JsonCodec c = JsonCodec.defaultCodec();
        assertThat(c.<Event>decode(c.encode(EVENT), Event.class)).isEqualTo(EVENT);
        Type t = JsonCodecTest.class.getDeclaredField("listOfItems").getGenericType();
        List<Item> items = c.decode("[{\"id\":\"a\",\"n\":1},{\"id\":\"b\",\"n\":2}]", t);
        assertThat(items).containsExactly(new Item("a", 1), new Item("b", 2));
        assertThat(c.encodeToString(List.of(1, "x"))).isEqualTo("[1,\"x\"]");
        assertThat(c.<Object>decode("null", Object.class)).isNull();
    }

    @Test
    void decodeErrorsNameTheProblemAndThePlaceInJsonTermsNeverAJavaClass() {
        JsonCodec c = JsonCodec.defaultCodec();
        assertThatThrownBy(() -> c.decode("{\"a\": ", Map.class))
                .isInstanceOf(JSONDecodeError.class).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unexpected end of the JSON text (line 1, column 7)");
        assertThatThrownBy(() -> c.decode("{\"id\": \"a\", \"n\": \"many\"}".getBytes(StandardCharsets.UTF_8),
                Item.class))
                .isInstanceOf(JSONDecodeError.class)
                .hasMessage("expected an integer at $.n (line 1, column 18)");
        assertThatThrownBy(() -> c.decode("", Object.class)).isInstanceOf(JSONDecodeError.class)
                .hasMessage("no JSON value (the text is empty)");
    }

    @Test
    void decodingIgnoresFieldsTheTypeLacksAndReadsGenericTypesThroughATypeRef() {
        JsonCodec c = JsonCodec.defaultCodec();
        assertThat(c.<Item>decode("{\"id\":\"a\",\"n\":1,\"more\":{\"x\":[1]}}", Item.class))
                .isEqualTo(new Item("a", 1));
        TypeRef<Map<String, List<Item>>> ref = new TypeRef<>() {
        };
        Map<String, List<Item>> m = c.decode("{\"k\":[{\"id\":\"b\",\"n\":2,\"z\":0}]}", ref);
        assertThat(m).containsEntry("k", List.of(new Item("b", 2)));
        assertThat(c.decode("[{\"id\":\"c\"}]".getBytes(StandardCharsets.UTF_8), new TypeRef<List<Item>>() {
        })).containsExactly(new Item("c", 0));
        assertThat(ref.type().getTypeName()).isEqualTo("java.util.Map<java.lang.String, java.util.List<"
                + Item.class.getName() + ">>");
        assertThat(ref).isEqualTo(new TypeRef<Map<String, List<Item>>>() {
        }).hasToString("TypeRef<" + ref.type().getTypeName() + ">");
    }

    @SuppressWarnings("rawtypes")
    @Test
    void aTypeRefWithoutItsTypeArgumentIsRefused() {
        assertThatThrownBy(() -> new TypeRef() {
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("new TypeRef<List<Item>>() {}");
    }

    /** A type no JSON can be read into is the program's mistake: not a decode error (the server answers 500). */
    public interface NoCreator {
        String x();
    }

    @Test
    void aTypeJacksonCannotBindIsAnIllegalArgumentNotADecodeError() {
        assertThatThrownBy(() -> JsonCodec.defaultCodec().decode("{\"x\":\"1\"}", NoCreator.class))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read JSON as " + NoCreator.class.getName() + ": ");
    }

    @Test
    void encodeErrorsAreIllegalArgumentNamingTheType() {
        assertThatThrownBy(() -> JsonCodec.defaultCodec().encode(new Object()))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot serialise java.lang.Object to JSON: ");
        assertThatThrownBy(() -> Response.json(new Object())).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    /** An app echoing the request body as JSON, and answering its own JSON through the app's codec. */
    private static Application app(List<String> seen) {
        Application app = new Application();
        app.router().post("/echo", request -> Response.bytes(request.read().await(), "application/json"));
        app.router().get("/event", request -> Response.json(EVENT));
        app.router().get("/items", request -> Response.text("[{\"id\":\"a\",\"n\":1}]", "application/json"));
        app.router().get("/more", request -> Response.text("[{\"id\":\"a\",\"n\":1,\"added\":\"later\"}]",
                "application/json"));
        app.router().get("/broken", request -> Response.text("{\"id\": ", "application/json"));
        app.router().post("/parse", request -> {
            Map<?, ?> body = request.json(Map.class).await();
            seen.add("parsed " + body);
            return Response.json(Map.of("got", body), request.app().jsonCodec());
        });
        app.router().get("/ws", request -> {
            WebSocketResponse ws = new WebSocketResponse();
            ws.prepare(request).await();
            for (WSMessage msg : ws) {
                if (msg.type() == WSMsgType.TEXT) {
                    seen.add("ws got " + msg.json(Map.class) + " " + msg.<Map<?, ?>>json(Map.class, ws.jsonCodec()));
                    ws.sendJson(List.of("pong")).await();
                }
            }
            return ws;
        });
        return app;
    }

    @Test
    void aSessionsCodecWritesRequestBodiesAndReadsResponses() {
        TaggingCodec codec = new TaggingCodec("client");
        List<String> out = Asyncio.run(() -> {
            List<String> got = new ArrayList<>();
            try (TestClient client = new TestClient(TestServer.start(app(new ArrayList<>())).await(),
                    ClientSession.builder().jsonCodec(codec))) {
                assertThat(client.session().jsonCodec()).isSameAs(codec);
                try (ClientResponse r = client.post("/echo", RequestOptions.builder().json(List.of(1, 2)).build())
                        .await()) {
                    Map<?, ?> echoed = r.json(Map.class).await();
                    got.add(echoed.toString());
                }
                try (ClientResponse r = client.get("/event").await()) {
                    got.add(r.json(Event.class).await().toString());
                }
                Type t = JsonCodecTest.class.getDeclaredField("listOfItems").getGenericType();
                try (ClientResponse r = client.get("/items").await()) {
                    List<Item> items = r.<List<Item>>json(t).await();
                    got.add(items.get(0).toString());
                }
            }
            return got;
        });
        assertThat(out).containsExactly("{codec=client, value=[1, 2]}", EVENT.toString(), "Item[id=a, n=1]");
        assertThat(codec.log).containsExactly("encode [1, 2]", "decode java.util.Map",
                "decode " + Event.class.getName(), "decode java.util.List<" + Item.class.getName() + ">");
    }

    @Test
    void aResponseThatIsNotJsonRaisesClientResponseErrorCausedByJsonDecodeError() {
        Throwable e = Asyncio.run(() -> {
            try (TestClient client = TestClient.start(app(new ArrayList<>())).await();
                 ClientResponse r = client.get("/broken").await()) {
                try {
                    r.json(Item.class).await();
                    return null;
                } catch (ClientResponseError err) {
                    return err;
                }
            }
        });
        assertThat(e).isExactlyInstanceOf(ClientResponseError.class).hasMessageContaining("invalid JSON body from")
                .hasMessageContaining("/broken: unexpected end of the JSON text (line 1, column 8)'")
                .hasCauseInstanceOf(JSONDecodeError.class);
    }

    @Test
    void anApplicationsCodecReadsRequestJsonWritesItsResponsesAndItsWebSockets() {
        TaggingCodec server = new TaggingCodec("server");
        TaggingCodec clientCodec = new TaggingCodec("client");
        List<String> seen = new CopyOnWriteArrayList<>();
        Application app = app(seen).jsonCodec(server);
        assertThat(app.jsonCodec()).isSameAs(server);
        List<String> out = Asyncio.run(() -> {
            List<String> got = new ArrayList<>();
            try (TestClient client = new TestClient(TestServer.start(app).await(),
                    ClientSession.builder().jsonCodec(clientCodec))) {
                try (ClientResponse r = client.post("/parse", RequestOptions.builder().json("hi").build())
                        .await()) {
                    got.add(r.text().await());
                }
                try (ClientResponse r = client.post("/parse", RequestOptions.builder()
                        .data("{nope".getBytes(StandardCharsets.UTF_8)).build()).await()) {
                    got.add(r.status() + " " + r.text().await());
                }
                ClientWebSocketResponse ws = client.session().wsConnect(client.makeUrl("/ws")).await();
                ws.sendJson(Map.of("k", "v")).await();
                got.add(ws.receiveJson(Map.class).await().toString());
                ws.sendJson(Map.of("k", "again")).await();
                Object typed = ws.receiveJson(new TypeRef<Map<String, Object>>() {
                }).await().get("value");
                got.add(typed.toString());
                ws.close().await();
            }
            return got;
        });
        assertThat(out.get(0)).isEqualTo("{\"codec\":\"server\",\"value\":{\"got\":{\"codec\":\"client\",\"value\":\"hi\"}}}");
        assertThat(out.get(1)).startsWith("400 Invalid JSON body: ");
        assertThat(out.get(2)).isEqualTo("{codec=server, value=[pong]}");
        assertThat(out.get(3)).isEqualTo("[pong]");
        assertThat(seen).contains("parsed {codec=client, value=hi}",
                "ws got {codec=client, value={k=v}} {codec=client, value={k=v}}");
        assertThat(server.log).contains("decode java.util.Map", "encode {got={codec=client, value=hi}}",
                "encode [pong]");
        assertThat(clientCodec.log).contains("encode hi", "encode {k=v}", "decode java.util.Map");
    }

    @Test
    void theClientIgnoresFieldsItsTypeLacksAndReadsGenericTypesThroughATypeRef() {
        List<Object> out = Asyncio.run(() -> {
            List<Object> got = new ArrayList<>();
            try (TestClient client = TestClient.start(app(new ArrayList<>())).await()) {
                try (ClientResponse r = client.get("/more").await()) {
                    got.add(r.json(new TypeRef<List<Item>>() {
                    }).await());
                }
                try (ClientResponse r = client.get("/more").await()) {
                    got.add(List.of(r.json(Item[].class).await()));
                }
                try (ClientResponse r = client.get("/more").await()) {
                    List<Map<String, Object>> raw = r.json(new TypeRef<List<Map<String, Object>>>() {
                    }, false).await();
                    got.add(raw.get(0).get("added"));
                }
            }
            return got;
        });
        assertThat(out).containsExactly(List.of(new Item("a", 1)), List.of(new Item("a", 1)), "later");
    }

    @Test
    void aSubApplicationUsesItsParentsCodecUnlessItHasItsOwn() {
        TaggingCodec parent = new TaggingCodec("parent");
        TaggingCodec own = new TaggingCodec("own");
        Application root = new Application().jsonCodec(parent);
        Application inherits = new Application();
        Application ownCodec = new Application().jsonCodec(own);
        root.addSubapp("/a", inherits).addSubapp("/b", ownCodec);
        assertThat(new Application().jsonCodec()).isSameAs(JsonCodec.defaultCodec());
        assertThat(inherits.jsonCodec()).isSameAs(parent);
        assertThat(ownCodec.jsonCodec()).isSameAs(own);
    }

    @Test
    void aWebSocketMessagesJsonFailsWithJsonDecodeError() {
        WSMessage msg = new WSMessage(WSMsgType.TEXT, "{oops", null);
        assertThatThrownBy(() -> msg.json(Map.class)).isInstanceOf(JSONDecodeError.class)
                .hasMessageStartingWith("unexpected character ('o' (code 111)): was expecting double-quote to start"
                        + " field name (line 1, column 2)");
        assertThat(new WSMessage(WSMsgType.TEXT, "[{\"id\":\"w\",\"n\":3,\"x\":1}]", null)
                .json(new TypeRef<List<Item>>() {
                })).containsExactly(new Item("w", 3));
    }

    /**
     * A class loader of its own that records which classes are asked of it: loading and initialising the
     * client, the server and WebSocket classes, creating a session and an application and building a text
     * response load no Jackson class; the default codec's first encode does.
     */
    @Test
    void noJacksonClassIsLoadedUntilJsonIsFirstUsed() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        Set<String> asked = new ConcurrentSkipListSet<>();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                return super.loadClass(name, resolve);
            }
        }) {
            for (String name : List.of("io.asyncio4j.http.ClientSession", "io.asyncio4j.http.ClientResponse",
                    "io.asyncio4j.http.CookieJar", "io.asyncio4j.http.json.JsonCodec", "io.asyncio4j.http.json.DefaultJsonCodec",
                    "io.asyncio4j.http.web.Application", "io.asyncio4j.http.web.Request",
                    "io.asyncio4j.http.web.Response", "io.asyncio4j.http.web.WebSocketResponse",
                    "io.asyncio4j.http.ws.WSMessage", "io.asyncio4j.http.ws.WebSocketProtocol",
                    "io.asyncio4j.http.httpbin.Httpbin")) {
                Class.forName(name, true, loader);
            }
            Class<?> session = Class.forName("io.asyncio4j.http.ClientSession", true, loader);
            ((AutoCloseable) session.getConstructor().newInstance()).close();
            Object app = Class.forName("io.asyncio4j.http.web.Application", true, loader).getConstructor()
                    .newInstance();
            Object codec = app.getClass().getMethod("jsonCodec").invoke(app);
            Class.forName("io.asyncio4j.http.web.Response", true, loader).getMethod("text", String.class)
                    .invoke(null, "hi");
            assertThat(jackson(asked)).as("Jackson classes loaded before any JSON").isEmpty();

            Class<?> jsonCodec = Class.forName("io.asyncio4j.http.json.JsonCodec", true, loader);
            byte[] json = (byte[]) jsonCodec.getMethod("encode", Object.class).invoke(codec, Map.of("a", 1));
            assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
            assertThat(jackson(asked)).contains("com.fasterxml.jackson.databind.ObjectMapper",
                    "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule");
        }
    }

    private static Set<String> jackson(Set<String> names) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            if (n.startsWith("com.fasterxml.")) {
                out.add(n);
            }
        }
        return out;
    }
}
