package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.http.json.JsonCodec;
import io.asyncio4j.streams.StreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ClientRequest}: one hop of a request as bytes, and the URL, cookie and body steps every hop shares. */
class ClientRequestTest {
    private static final URI URL = URI.create("http://example.com/a?b=1");

    private static String head(ClientRequest r) {
        return new String(r.bytes(), StandardCharsets.UTF_8);
    }

    private static ClientRequest hop(String method, URI url, RequestOptions o) {
        return new ClientRequest(method, url, o.headers(), o.auth(), ClientRequest.encoded(o, JsonCodec.defaultCodec()),
                o, null);
    }

    @Test
    void aRequestWithoutBodySendsTheDefaultFieldsAndAZeroLength() {
        ClientRequest r = hop("GET", URL, RequestOptions.NONE);
        assertThat(head(r)).isEqualTo("GET /a?b=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\nAccept-Encoding: "
                + ContentDecoder.acceptEncoding() + "\r\nUser-Agent: " + ClientSession.USER_AGENT
                + "\r\nContent-Length: 0\r\n\r\n");
        assertThat(r.bodyTask).isFalse();
        assertThat(r.inlineBody()).isEmpty();
        assertThat(r.resendable()).isTrue();
    }

    @Test
    void theHostFieldBracketsIpv6AndNamesAPortOtherThanTheSchemes() {
        assertThat(head(hop("GET", URI.create("http://[::1]:8080/"), RequestOptions.NONE)))
                .startsWith("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n");
        assertThat(head(hop("GET", URI.create("https://example.com:443"), RequestOptions.NONE)))
                .startsWith("GET / HTTP/1.1\r\nHost: example.com\r\n");
        assertThat(head(hop("GET", URI.create("https://example.com:80/x"), RequestOptions.NONE)))
                .startsWith("GET /x HTTP/1.1\r\nHost: example.com:80\r\n");
    }

    @Test
    void bytesGoInTheHeadsWriteWithTheirLengthAndType() {
        RequestOptions o = RequestOptions.builder().data("hello".getBytes(StandardCharsets.US_ASCII))
                .auth(new BasicAuth("u", "p")).build();
        ClientRequest r = hop("POST", URL, o);
        assertThat(head(r)).contains("Authorization: Basic dTpw\r\n")
                .contains("Content-Type: application/octet-stream\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(r.bodyTask).isFalse();
        assertThat(new String(r.inlineBody(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @Test
    void jsonAndFormsAreEncodedOnceForEveryHop() {
        RequestBody json = ClientRequest.encoded(RequestOptions.builder().json(Map.of("a", 1)).build(),
                JsonCodec.defaultCodec());
        assertThat(json).isInstanceOf(RequestBody.Bytes.class);
        assertThat(json.contentType()).isEqualTo("application/json");
        assertThat(new String(((RequestBody.Bytes) json).bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        RequestBody form = ClientRequest.encoded(RequestOptions.builder().formField("a b", "c*~&").build(), null);
        assertThat(form.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(new String(((RequestBody.Bytes) form).bytes(), StandardCharsets.US_ASCII))
                .isEqualTo("a+b=c%2A~%26"); // Python's urlencode
        assertThat(ClientRequest.encoded(RequestOptions.NONE, null)).isNull();
        RequestBody empty = ClientRequest.encoded(RequestOptions.builder().chunked(true).build(), null);
        assertThat(empty).isInstanceOf(RequestBody.Bytes.class);
        assertThat(empty.contentLength()).isZero();
        assertThat(empty.contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void aStreamIsChunkedAndWrittenByATaskAndCannotBeResent() {
        ClientRequest r = hop("POST", URL, RequestOptions.builder().data(new StreamReader()).build());
        assertThat(head(r)).contains("Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertThat(r.bodyTask).isTrue();
        assertThat(r.resendable()).isFalse();
    }

    @Test
    void aStreamWithAGivenLengthIsNotChunked() {
        ClientRequest r = hop("PUT", URL, RequestOptions.builder().data(List.of(new byte[3]).iterator())
                .header("Content-Length", "3").build());
        assertThat(head(r)).contains("Content-Length: 3\r\n").doesNotContain("Transfer-Encoding");
        assertThat(r.bodyTask).isTrue();
    }

    @Test
    void compressionChunksAndNamesItsEncoding() {
        ClientRequest r = hop("POST", URL, RequestOptions.builder().data(new byte[10]).compress("gzip").build());
        assertThat(head(r)).contains("Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n")
                .doesNotContain("Content-Length");
        assertThat(r.bodyTask).isTrue();
        assertThat(r.resendable()).isTrue();
    }

    @Test
    void expect100WritesTheBodyAfterTheHead() {
        ClientRequest r = hop("POST", URL, RequestOptions.builder().data(new byte[2]).expect100(true).build());
        assertThat(head(r)).contains("Content-Length: 2\r\nExpect: 100-continue\r\n\r\n");
        assertThat(r.expect100).isTrue();
        assertThat(r.bodyTask).isTrue();
    }

    @Test
    void aMultipartFormWithFilesHasItsLengthAtEachHop(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("f.txt"), "file body");
        FormData form = new FormData().addField("a", "1").addFile("f", f);
        RequestOptions o = RequestOptions.builder().data(form).build();
        assertThat(o.body()).isInstanceOf(RequestBody.Multipart.class);
        ClientRequest r = hop("POST", URL, o);
        String h = head(r);
        assertThat(h).contains("Content-Type: multipart/form-data; boundary=").contains("Content-Length: ")
                .doesNotContain("Transfer-Encoding");
        assertThat(r.bodyTask).isTrue();
        assertThat(r.resendable()).isTrue();
    }

    @Test
    void aPlainProxyGetsTheAbsoluteTargetAndItsCredentials() {
        ProxyInfo proxy = ProxyInfo.of("http://proxy:3128", new BasicAuth("pu", "pp"), new Headers());
        ClientRequest r = new ClientRequest("GET", URI.create("http://[::1]:81/p?q"), new Headers(), null, null,
                RequestOptions.NONE, proxy);
        assertThat(head(r)).startsWith("GET http://[::1]:81/p?q HTTP/1.1\r\n")
                .contains("Proxy-Authorization: Basic cHU6cHA=\r\n");
        assertThat(r.info().url()).hasToString("http://[::1]:81/p?q");
    }

    @Test
    void paramsAreAddedToTheQueryAsYarlEncodesThem() {
        URI u = ClientRequest.withParams(URI.create("http://h/p?x=1#frag"),
                List.of(Map.entry("a b", "c+d/e?f"), Map.entry("é", "!*")));
        assertThat(u.toString()).isEqualTo("http://h/p?x=1&a+b=c%2Bd/e?f&%C3%A9=!*#frag");
    }

    @Test
    void cookiesMergeInNameOrderTheRequestsWinning() {
        Headers h = ClientRequest.withCookies(Headers.of("Cookie", "z=0; a=explicit"), Map.of("a", "jar", "b", "jar"),
                Map.of("b", "request"));
        assertThat(h.getAll("Cookie")).containsExactly("a=jar; b=request; z=0");
    }

    @Test
    void urlsResolveAgainstTheBaseAndAreChecked() {
        assertThat(ClientRequest.url(URI.create("http://h:1/base/"), "x?y", false)).hasToString("http://h:1/base/x?y");
        assertThatThrownBy(() -> ClientRequest.url(null, "ftp://h/", false)).isInstanceOf(InvalidURL.class);
        assertThat(ClientRequest.url(null, "ws://h/", true)).hasToString("ws://h/");
        assertThat(ClientRequest.withoutUserInfo(URI.create("http://u:p@h/x"))).hasToString("http://h/x");
    }
}
