package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response parser passes its listener's exceptions and errors on as they are, past Jetty's catch-all. */
class ResponseParserTest {
    private static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
            .getBytes(StandardCharsets.ISO_8859_1);

    /** A listener that throws {@code failure} from onBody and records every other event. */
    private static ResponseParser.Listener throwingOnBody(Throwable failure, List<String> events) {
        return new ResponseParser.Listener() {
            @Override
            public void onHead(ResponseHead head) {
                events.add("head " + head.status());
            }

            @Override
            public void onBody(byte[] data) {
                if (failure instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) failure;
            }

            @Override
            public void onComplete() {
                events.add("complete");
            }

            @Override
            public void onError(String reason, boolean early) {
                events.add("error " + reason);
            }
        };
    }

    @Test
    void anErrorThrownByTheListenerIsRethrownNotTurnedIntoABadMessage() {
        for (Throwable failure : new Throwable[] {new OutOfMemoryError("test heap"), new StackOverflowError(),
                new IllegalStateException("listener")}) {
            List<String> events = new ArrayList<>();
            ResponseParser parser = new ResponseParser(throwingOnBody(failure, events));
            parser.reset(false);
            assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(RESPONSE))).isSameAs(failure);
            assertThat(events).containsExactly("head 200");
        }
    }
}
