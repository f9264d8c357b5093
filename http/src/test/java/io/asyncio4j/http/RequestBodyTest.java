package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncio4j.streams.StreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RequestBody}'s kinds, and how {@link RequestOptions}' builder methods map to them. */
class RequestBodyTest {
    @Test
    void eachKindSaysItsTypeItsLengthAndWhetherItCanBeResent() {
        RequestBody bytes = new RequestBody.Bytes(new byte[3], null);
        assertThat(bytes.contentType()).isEqualTo("application/octet-stream");
        assertThat(bytes.contentLength()).isEqualTo(3);
        assertThat(bytes.resendable()).isTrue();
        assertThat(new RequestBody.Bytes(new byte[0], "text/plain").contentType()).isEqualTo("text/plain");

        RequestBody json = new RequestBody.Json(Map.of("a", 1));
        assertThat(json.contentType()).isEqualTo("application/json");
        assertThat(json.contentLength()).isEqualTo(-1);
        assertThat(json.resendable()).isTrue();

        RequestBody form = new RequestBody.Form(List.of(Map.entry("a", "b c")));
        assertThat(form.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(form.contentLength()).isEqualTo("a=b+c".length());
        assertThat(form.resendable()).isTrue();

        FormData fd = new FormData().addField("f", "v", "text/plain", "f.txt");
        RequestBody multipart = new RequestBody.Multipart(fd);
        assertThat(multipart.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(multipart.contentLength()).isEqualTo(-1);
        assertThat(multipart.resendable()).isTrue();

        RequestBody stream = new RequestBody.Streamed(new StreamReader());
        assertThat(stream.contentType()).isEqualTo("application/octet-stream");
        assertThat(stream.contentLength()).isEqualTo(-1);
        assertThat(stream.resendable()).isFalse();
        assertThat(new RequestBody.Streamed(List.<byte[]>of().iterator()).resendable()).isFalse();
        assertThatThrownBy(() -> new RequestBody.Streamed("not a stream"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBuilderMethodsGiveOneBodyOfTheirKind() {
        assertThat(RequestOptions.NONE.body()).isNull();
        assertThat(RequestOptions.builder().json(null).build().body()).isEqualTo(new RequestBody.Json(null));
        assertThat(RequestOptions.builder().formField("a", "1").build().body())
                .isEqualTo(new RequestBody.Form(List.of(Map.entry("a", "1"))));
        RequestOptions data = RequestOptions.builder().data("x".getBytes(StandardCharsets.US_ASCII)).build();
        assertThat(data.body()).isInstanceOf(RequestBody.Bytes.class);
        assertThat(data.data()).containsExactly('x');
        RequestOptions urlencoded = RequestOptions.builder().data(new FormData().addField("a", "b")).build();
        assertThat(urlencoded.body()).isInstanceOf(RequestBody.Bytes.class);
        assertThat(urlencoded.body().contentType()).isEqualTo("application/x-www-form-urlencoded");
        Iterator<byte[]> chunks = List.of(new byte[1]).iterator();
        assertThat(RequestOptions.builder().data(chunks).build().body()).isEqualTo(new RequestBody.Streamed(chunks));
    }

    @Test
    void thePublicAccessorsReadTheBody() {
        RequestOptions o = RequestOptions.builder().json(List.of(1)).build();
        assertThat(o.hasJson()).isTrue();
        assertThat(o.json()).isEqualTo(List.of(1));
        assertThat(o.form()).isNull();
        assertThat(o.data()).isNull();
        RequestOptions f = RequestOptions.builder().form(Map.of("k", "v")).build();
        assertThat(f.hasJson()).isFalse();
        assertThat(f.form()).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void toBuilderKeepsTheBody() {
        RequestOptions json = RequestOptions.builder().json("x").build().toBuilder().build();
        assertThat(json.body()).isEqualTo(new RequestBody.Json("x"));
        RequestOptions typed = RequestOptions.builder().data(new FormData().addField("a", "b")).build();
        assertThat(typed.toBuilder().build().body().contentType()).isEqualTo("application/x-www-form-urlencoded");
        FormData fd = new FormData().addField("f", "v", "text/plain", "f.txt");
        RequestOptions multipart = RequestOptions.builder().data(fd).build();
        assertThat(multipart.toBuilder().header("X", "1").build().body()).isEqualTo(multipart.body());
    }

    @Test
    void twoKindsOfBodyAreStillRefused() {
        assertThatThrownBy(() -> RequestOptions.builder().json(1).formField("a", "b").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("json, form and data can not be used at the same time");
        assertThatThrownBy(() -> RequestOptions.builder().data(new byte[1]).data(new StreamReader()).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
