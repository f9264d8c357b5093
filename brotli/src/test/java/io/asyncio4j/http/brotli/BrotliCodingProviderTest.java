package io.asyncio4j.http.brotli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.Asyncio;
import io.asyncio4j.http.ClientResponse;
import io.asyncio4j.http.ClientSession;
import io.asyncio4j.http.Compressor;
import io.asyncio4j.http.spi.ContentCodingProvider;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The provider as ServiceLoader finds it, and the client using it end to end: br offered, decoded, encoded. */
class BrotliCodingProviderTest {
    private static final byte[] TEXT = "Call me Ishmael. ".repeat(500).getBytes(StandardCharsets.UTF_8);

    @Test
    void serviceLoaderFindsTheProvider() {
        assertThat(ServiceLoader.load(ContentCodingProvider.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(BrotliCodingProvider.class);
        BrotliCodingProvider p = new BrotliCodingProvider();
        assertThat(p.coding()).isEqualTo("br");
        assertThat(p.available()).as("brotli4j's linux-x86_64 library").isTrue();
    }

    /** available() looks for the native jar's library file where brotli4j does, without loading it. */
    @Test
    void theNativeJarIsFoundByItsPlatformDirectory() {
        assertThat(BrotliCodingProvider.platform()).as("this build's machine").isEqualTo("linux-x86_64");
        assertThat(BrotliCodingProvider.class.getClassLoader().getResource("lib/linux-x86_64/libbrotli.so"))
                .isNotNull();
        String os = System.getProperty("os.name");
        try {
            System.setProperty("os.name", "Plan 9");
            assertThat(BrotliCodingProvider.platform()).isNull();
        } finally {
            System.setProperty("os.name", os);
        }
    }

    @Test
    void itsEncoderAndDecoderRoundTripInBoundedPieces() throws IOException {
        BrotliCodingProvider p = new BrotliCodingProvider();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = p.newEncoder(sink)) {
            out.write(TEXT);
        }
        byte[] br = sink.toByteArray();
        assertThat(br).isEqualTo(Compressor.encode("br", TEXT));
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        try (ContentCodingProvider.Decoder d = p.newDecoder()) {
            d.feed(br);
            byte[] piece;
            do {
                piece = d.decode(100);
                assertThat(piece.length).isLessThanOrEqualTo(100);
                decoded.writeBytes(piece);
            } while (piece.length == 100);
            d.finish();
        }
        assertThat(decoded.toByteArray()).isEqualTo(TEXT);
        ContentCodingProvider.Decoder truncated = p.newDecoder();
        truncated.feed(java.util.Arrays.copyOf(br, br.length / 2));
        truncated.decode(TEXT.length);
        assertThatThrownBy(truncated::finish).isInstanceOf(IOException.class)
                .hasMessage("the compressed body is truncated");
        assertThatThrownBy(() -> truncated.decode(1)).isInstanceOf(IOException.class)
                .hasMessage("the decoder was closed");
    }

    @Test
    void theClientOffersBrAndDecodesIt() {
        AtomicReference<String> offered = new AtomicReference<>();
        Application app = new Application();
        app.router().get("/", request -> {
            offered.set(request.headers().get("Accept-Encoding"));
            return Response.bytes(Compressor.encode("br", TEXT), "text/plain")
                    .header("Content-Encoding", "br");
        });
        String body = Asyncio.run(() -> {
            try (Site site = Web.start(app, "127.0.0.1", 0).await(); ClientSession s = new ClientSession();
                 ClientResponse r = s.get("http://127.0.0.1:" + site.port() + "/").await()) {
                assertThat(r.headers().get("Content-Encoding")).isEqualTo("br");
                return r.text().await();
            }
        });
        assertThat(offered.get()).isEqualTo("gzip, deflate, br");
        assertThat(body).isEqualTo(new String(TEXT, StandardCharsets.UTF_8));
    }
}
