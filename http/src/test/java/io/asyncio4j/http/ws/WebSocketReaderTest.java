package io.asyncio4j.http.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame parser and encoder, without sockets: splits, fragments, masking rules, limits, errors. */
class WebSocketReaderTest {
    private final List<WSMessage> got = new ArrayList<>();

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesMaskedFramesSplitAnywhere() {
        byte[] big = new byte[70_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        byte[] stream = cat(WebSocketWriter.frame(1, utf8("héllo"), true, true),
                WebSocketWriter.frame(2, big, true, true),
                WebSocketWriter.frame(2, new byte[300], true, true),
                WebSocketWriter.frame(9, utf8("p"), true, true),
                WebSocketWriter.frame(8, WebSocketWriter.closePayload(4000, "bye"), true, true));
        for (int chunk : new int[] {1, 3, 7, 4096, stream.length}) {
            got.clear();
            WebSocketReader r = new WebSocketReader(true, 0, got::add);
            for (int i = 0; i < stream.length; i += chunk) {
                byte[] part = new byte[Math.min(chunk, stream.length - i)];
                System.arraycopy(stream, i, part, 0, part.length);
                r.feed(part);
            }
            assertThat(got).extracting(WSMessage::type).containsExactly(WSMsgType.TEXT, WSMsgType.BINARY,
                    WSMsgType.BINARY, WSMsgType.PING, WSMsgType.CLOSE);
            assertThat(got.get(0).str()).isEqualTo("héllo");
            assertThat(got.get(1).bytes()).isEqualTo(big);
            assertThat(got.get(2).bytes()).hasSize(300);
            assertThat(got.get(3).bytes()).isEqualTo(utf8("p"));
            assertThat(got.get(4).code()).isEqualTo(4000);
            assertThat(got.get(4).extra()).isEqualTo("bye");
        }
    }

    @Test
    void joinsFragmentsWithControlFramesBetween() {
        WebSocketReader r = new WebSocketReader(false, 0, got::add);
        r.feed(cat(WebSocketWriter.frame(1, utf8("ab"), false, false),
                WebSocketWriter.frame(0xA, utf8("x"), true, false),
                WebSocketWriter.frame(0, utf8("c"), false, false),
                WebSocketWriter.frame(0, utf8("d"), true, false),
                WebSocketWriter.frame(8, new byte[0], true, false)));
        assertThat(got).extracting(WSMessage::type).containsExactly(WSMsgType.PONG, WSMsgType.TEXT, WSMsgType.CLOSE);
        assertThat(got.get(1).str()).isEqualTo("abcd");
        assertThat(got.get(2).code()).isZero();
    }

    private void assertFails(boolean server, int max, byte[] input, int code, String message) {
        WebSocketReader r = new WebSocketReader(server, max, got::add);
        assertThatThrownBy(() -> r.feed(input)).isInstanceOfSatisfying(WebSocketError.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
        assertThat(r.failed()).isTrue();
        r.feed(WebSocketWriter.frame(1, utf8("after"), true, server)); // ignored
    }

    @Test
    void enforcesTheRules() {
        assertFails(true, 0, WebSocketWriter.frame(1, utf8("x"), true, false), 1002, "unmasked");
        assertFails(false, 0, WebSocketWriter.frame(1, utf8("x"), true, true), 1002, "masked");
        byte[] rsv = WebSocketWriter.frame(1, utf8("x"), true, false);
        rsv[0] |= 0x40;
        assertFails(false, 0, rsv, 1002, "reserved bits");
        assertFails(false, 0, WebSocketWriter.frame(3, utf8("x"), true, false), 1002, "Unexpected opcode=3");
        assertFails(false, 0, WebSocketWriter.frame(9, utf8("x"), false, false), 1002, "fragmented control");
        byte[] longPing = cat(new byte[] {(byte) 0x89, 126, 0, 126}, new byte[126]);
        assertFails(false, 0, longPing, 1002, "125 bytes");
        assertFails(false, 0, WebSocketWriter.frame(0, utf8("x"), true, false), 1002, "non started");
        assertFails(false, 0, cat(WebSocketWriter.frame(1, utf8("x"), false, false),
                WebSocketWriter.frame(2, utf8("y"), true, false)), 1002, "expected to be zero");
        assertFails(false, 0, WebSocketWriter.frame(1, new byte[] {(byte) 0xC3, 0x28}, true, false), 1007, "UTF-8");
        assertFails(false, 0, WebSocketWriter.frame(8, WebSocketWriter.closePayload(1005, ""), true, false),
                1002, "Invalid close code: 1005");
        assertFails(false, 0, WebSocketWriter.frame(8, new byte[] {3}, true, false), 1002, "Invalid close frame");
        assertFails(false, 10, WebSocketWriter.frame(2, new byte[11], true, false), 1009, "exceeds limit 10");
        assertFails(false, 10, cat(WebSocketWriter.frame(2, new byte[6], false, false),
                WebSocketWriter.frame(0, new byte[6], true, false)), 1009, "Message size 12");
        // the limit is checked on the header alone: a huge announced frame fails before its payload arrives
        assertFails(false, 10, new byte[] {(byte) 0x82, 127, 0, 0, 0, 1, 0, 0, 0, 0}, 1009, "exceeds limit");
        assertThat(got).isEmpty();
        WebSocketReader ok = new WebSocketReader(false, 10, got::add);
        ok.feed(WebSocketWriter.frame(2, new byte[10], true, false));
        assertThat(got).hasSize(1);
    }

    @Test
    void permessageDeflateNegotiatesAndRoundTrips() {
        assertThat(PerMessageDeflate.negotiateServer(null)).isNull();
        assertThat(PerMessageDeflate.negotiateServer("permessage-deflate; server_max_window_bits=10")).isNull();
        assertThat(PerMessageDeflate.negotiateServer("x-webkit-deflate-frame, permessage-deflate; "
                + "client_max_window_bits").response()).isEqualTo("permessage-deflate");
        PerMessageDeflate server = PerMessageDeflate.negotiateServer(
                "permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertThat(server.response())
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        assertThatThrownBy(() -> PerMessageDeflate.negotiateClient("permessage-deflate; client_max_window_bits=9"))
                .isInstanceOf(IllegalArgumentException.class);
        PerMessageDeflate client = PerMessageDeflate.negotiateClient("permessage-deflate; server_max_window_bits=12");
        PerMessageDeflate peer = PerMessageDeflate.negotiateServer("permessage-deflate");
        String text = "compress me, compress me, compress me ".repeat(50);
        WebSocketReader r = new WebSocketReader(true, 0, peer, got::add);
        for (int i = 0; i < 3; i++) { // the context runs on from message to message
            byte[] z = client.compress(text.getBytes(StandardCharsets.UTF_8));
            assertThat(z.length).isLessThan(text.length() / 4);
            // split in two fragments: RSV1 on the first only
            byte[] a = java.util.Arrays.copyOfRange(z, 0, z.length / 2);
            byte[] b = java.util.Arrays.copyOfRange(z, z.length / 2, z.length);
            r.feed(cat(WebSocketWriter.frame(1, a, false, true, true), WebSocketWriter.frame(0, b, true, true)));
        }
        assertThat(got).extracting(WSMessage::str).containsExactly(text, text, text);
        WebSocketReader small = new WebSocketReader(true, 100, peer, got::add);
        assertThatThrownBy(() -> small.feed(WebSocketWriter.frame(2, client.compress(new byte[101]), true, true,
                true))).isInstanceOfSatisfying(WebSocketError.class, e -> assertThat(e.code()).isEqualTo(1009));
        assertFails(true, 0, WebSocketWriter.frame(1, utf8("x"), true, true, true), 1002, "reserved bits");
        WebSocketReader rsvOnPing = new WebSocketReader(true, 0, peer, got::add);
        assertThatThrownBy(() -> rsvOnPing.feed(WebSocketWriter.frame(9, new byte[0], true, true, true)))
                .isInstanceOf(WebSocketError.class);
        client.end();
        peer.end();
        server.end();
    }

    @Test
    void writerEncodesLengthsAndRefusesLongControlFrames() {
        assertThat(WebSocketWriter.frame(2, new byte[125], true, false)).hasSize(127);
        assertThat(WebSocketWriter.frame(2, new byte[126], true, false)).hasSize(130);
        assertThat(WebSocketWriter.frame(2, new byte[65536], true, true)).hasSize(65536 + 14);
        assertThatThrownBy(() -> WebSocketWriter.frame(9, new byte[126], true, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(WSHandshake.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }
}
