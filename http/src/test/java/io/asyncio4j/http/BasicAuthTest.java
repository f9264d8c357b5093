package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link BasicAuth}: the header value, and credentials read from a URL's user info as yarl reads them. */
class BasicAuthTest {
    @Test
    void encodesLoginAndPasswordInBase64() {
        assertThat(new BasicAuth("Aladdin", "open sesame").encode()).isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThatThrownBy(() -> new BasicAuth("a:b", "c")).hasMessageContaining("\":\" is not allowed in the login");
        assertThat(new BasicAuth("u", "secret")).hasToString("BasicAuth[login=u, password=***]");
    }

    @Test
    void userInfoDecodesPercentEscapesOnlyAndKeepsAPlus() {
        assertThat(BasicAuth.fromUserInfo("bob:pa+ss%21%3A", "http://x/")).isEqualTo(new BasicAuth("bob", "pa+ss!:"));
        assertThat(BasicAuth.fromUserInfo("caf%C3%A9", "http://x/")).isEqualTo(new BasicAuth("café", ""));
        assertThat(BasicAuth.fromUserInfo(null, "http://x/")).isNull();
    }

    @Test
    void aMalformedEscapeOrAColonInTheLoginIsAnInvalidUrl() {
        assertThatThrownBy(() -> BasicAuth.fromUserInfo("bob:%zz", "http://bob:%zz@proxy:3128"))
                .isInstanceOf(InvalidURL.class).hasMessageContaining("http://bob:%zz@proxy:3128");
        assertThatThrownBy(() -> BasicAuth.fromUserInfo("a%3Ab:c", "http://a%3Ab:c@h/"))
                .isInstanceOf(InvalidURL.class).hasMessageContaining("not allowed in the login");
    }
}
