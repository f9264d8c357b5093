package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.spi.ContentCodingProvider;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

/**
 * A provided coding whose decoder cannot start (its native library failed to load on the first body): the body then
 * fails with a {@link ClientPayloadError} saying why, on its first compressed byte, never earlier and never a crash.
 */
class ProvidedDecoderTest {
    /** Offered (available), but its decoder cannot start, as asyncio4j-brotli's when Brotli's library fails to load. */
    static final class Unloadable implements ContentCodingProvider {
        @Override
        public String coding() {
            return "xz";
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public Decoder newDecoder() throws IOException {
            throw new IOException("the native library did not load", new UnsatisfiedLinkError("no xz in path"));
        }

        @Override
        public OutputStream newEncoder(OutputStream sink) throws IOException {
            throw new IOException("the native library did not load");
        }
    }

    @Test
    void aDecoderThatCannotStartFailsTheBodyWithTheReason() {
        ProvidedDecoder d = ProvidedDecoder.of(new Unloadable());
        assertThat(d.encoding()).isEqualTo("xz");
        assertThat(d.decode(10)).as("nothing fed yet: nothing to fail on").isEmpty();
        d.feed(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> d.decode(10)).isInstanceOf(ClientPayloadError.class)
                .hasMessage("Can not decode content-encoding: xz (the decoder could not start: the native library "
                        + "did not load)")
                .cause().isInstanceOf(IOException.class).cause().isInstanceOf(UnsatisfiedLinkError.class);
        assertThatThrownBy(d::finish).isInstanceOf(ClientPayloadError.class);
        d.close();
    }

    @Test
    void anEmptyBodyNeedsNoDecoder() {
        ProvidedDecoder d = ProvidedDecoder.of(new Unloadable());
        d.feed(new byte[0]);
        assertThat(d.decode(10)).isEmpty();
        d.finish();
        d.close();
    }
}
