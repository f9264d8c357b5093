package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URISyntaxException;
import org.junit.jupiter.api.Test;

/**
 * {@link UrlRequoter} against yarl 1.8.2: every row is {@code (text, str(yarl.URL(text)))} as
 * {@code /usr/bin/python3 -c 'import yarl; print(yarl.URL(text))'} printed it (Python 3.11.2). Non-ASCII hosts
 * become A-labels, spaces, {@code |} and the other characters yarl quotes are percent-encoded in the path, query,
 * fragment and user information, escapes are normalised, dot segments resolved (issue 17 item 9).
 */
class UrlRequoterTest {
    private static final String[][] YARL = {
            {"http://ex.com/a b|c?q=x y|z", "http://ex.com/a%20b%7Cc?q=x+y%7Cz"},
            {"http://ex.com/a%20b", "http://ex.com/a%20b"},
            {"http://ex.com/%41%7e%2f%2F%3f", "http://ex.com/A~%2F%2F%3F"},
            {"http://ex.com/a%zz%4", "http://ex.com/a%25zz%254"},
            {"http://ex.com/100%", "http://ex.com/100%25"},
            {"http://ex.com/%", "http://ex.com/%25"},
            {"http://ex.com/a%2", "http://ex.com/a%252"},
            {"http://ex.com/%%41", "http://ex.com/%25A"},
            {"http://ex.com/p?a=1&b=%2B+c", "http://ex.com/p?a=1&b=%2B+c"},
            {"http://ex.com/p?q=a%20b&r=x+y", "http://ex.com/p?q=a%20b&r=x+y"},
            {"http://ex.com/\u00fc/\u00e9?\u00e4=\u00f6#frag ment", "http://ex.com/%C3%BC/%C3%A9?%C3%A4=%C3%B6#frag%20ment"},
            {"http://ex.com/[x]{y}<z>\"^`\\", "http://ex.com/%5Bx%5D%7By%7D%3Cz%3E%22%5E%60%5C"},
            {"http://ex.com/a/./b/../c", "http://ex.com/a/c"},
            {"http://ex.com/a/b/..", "http://ex.com/a/"},
            {"http://ex.com/..", "http://ex.com"},
            {"http://ex.com/p?q=[1]{2}|\"'", "http://ex.com/p?q=%5B1%5D%7B2%7D%7C%22'"},
            {"http://ex.com/p?q=%7C%20%2b%26%3D%3b", "http://ex.com/p?q=%7C%20%2B%26%3D%3B"},
            {"http://ex.com/p!$&'()*+,;=:@", "http://ex.com/p!$&'()*+,;=:@"},
            {"http://ex.com/?x=?/:@!$'()*,", "http://ex.com/?x=?/:@!$'()*,"},
            {"http://ex.com/?a=b=c&&d", "http://ex.com/?a=b=c&&d"},
            {"http://ex.com", "http://ex.com"},
            {"http://ex.com?q=1", "http://ex.com/?q=1"},
            {"HTTP://EX.com/P", "http://ex.com/P"},
            {"http://b\u00fccher.example/a", "http://xn--bcher-kva.example/a"},
            {"http://B\u00fccher.Example:8080/a", "http://xn--bcher-kva.example:8080/a"},
            {"http://\u4f8b\u3048.\u30c6\u30b9\u30c8/\u30d1\u30b9", "http://xn--r8jz45g.xn--zckzah/%E3%83%91%E3%82%B9"},
            {"http://\u00c9X.com/", "http://xn--x-9fa.com/"},
            {"http://stra\u00dfe.de/", "http://xn--strae-oqa.de/"},
            {"http://xn--bcher-kva.example/", "http://xn--bcher-kva.example/"},
            {"http://user name:pa ss@ex.com/", "http://user%20name:pa%20ss@ex.com/"},
            {"http://us%41er:p%7cw@ex.com/", "http://usAer:p%7Cw@ex.com/"},
            {"http://u@ex.com/", "http://u@ex.com/"},
            {"http://:p@ex.com/", "http://:p@ex.com/"},
            {"http://ex.com/%E2%82%AC", "http://ex.com/%E2%82%AC"},
            {"http://ex.com/\u20ac", "http://ex.com/%E2%82%AC"},
            {"http://ex.com/a%2fb", "http://ex.com/a%2Fb"},
            {"http://ex.com/a?b#c|d", "http://ex.com/a?b#c%7Cd"},
            {"http://ex.com/tab\tnl\nx", "http://ex.com/tabnlx"},
            {"  http://ex.com/a ", "http://ex.com/a%20"},
            {"http://[::1]:8080/a b", "http://[::1]:8080/a%20b"},
            {"http://127.0.0.1/a|b", "http://127.0.0.1/a%7Cb"},
            {"http://ex.com/a;b=c|d", "http://ex.com/a;b=c%7Cd"},
            {"http://ex.com/~user/%7euser", "http://ex.com/~user/~user"},
            {"http://ex.com/?", "http://ex.com/"},
            {"http://ex.com/#", "http://ex.com/"},
            {"http://ex.com/%c3%a9", "http://ex.com/%C3%A9"},
            {"http://ex.com/\u00e9%C3", "http://ex.com/%C3%A9%C3"},
            {"http://ex.com/a\u00a0b", "http://ex.com/a%C2%A0b"},
            {"http://ex.com:/a", "http://ex.com/a"},
            {"http://ex.com:0/a", "http://ex.com/a"},
            {"http://ex.com:080/a", "http://ex.com:80/a"},
            {"/a b?c d", "/a%20b?c+d"},
    };

    @Test
    void everyUrlIsWhatYarlMakesOfIt() throws URISyntaxException {
        for (String[] row : YARL) {
            URI u = UrlRequoter.parse(row[0]);
            assertThat(u.toString()).as(row[0]).isEqualTo(row[1]);
            assertThat(new URI(u.toString())).as("parses as it is: " + row[0]).isEqualTo(u);
        }
    }

    @Test
    void theHostIsAsciiForTheConnectionAndTheHostField() throws URISyntaxException {
        URI u = UrlRequoter.parse("http://B\u00fccher.Example:8080/a");
        assertThat(u.getHost()).isEqualTo("xn--bcher-kva.example");
        assertThat(Hosts.of(u)).isEqualTo("xn--bcher-kva.example");
        assertThat(Hosts.hostHeader(Hosts.of(u), Hosts.port(u), 80)).isEqualTo("xn--bcher-kva.example:8080");
        assertThat(UrlRequoter.parse("http://[::1]:8080/a b").getHost()).isEqualTo("[::1]");
    }

    @Test
    void whatYarlRefusesIsRefused() {
        assertThatThrownBy(() -> UrlRequoter.parse("http://[::1/")).isInstanceOf(URISyntaxException.class)
                .hasMessageContaining("Invalid IPv6 URL");
        assertThatThrownBy(() -> UrlRequoter.parse("http://b\u00fccher.example:65536/"))
                .isInstanceOf(URISyntaxException.class).hasMessageContaining("port can't be converted to integer");
        assertThatThrownBy(() -> UrlRequoter.parse("http://ex.com:8o/")).isInstanceOf(URISyntaxException.class)
                .hasMessageContaining("port can't be converted to integer");
        assertThatThrownBy(() -> UrlRequoter.parse("http://u@/")).isInstanceOf(URISyntaxException.class)
                .hasMessageContaining("host is required");
        assertThatThrownBy(() -> UrlRequoter.parse("http://" + "\u00fc".repeat(70) + ".de/"))
                .isInstanceOf(URISyntaxException.class).hasMessageContaining("the host cannot be encoded");
    }

    @Test
    void punycodeIsRfc3492s() {
        assertThat(Idna.punycode("b\u00fccher")).isEqualTo("bcher-kva");
        assertThat(Idna.punycode("stra\u00dfe")).isEqualTo("strae-oqa");
        assertThat(Idna.punycode("\u4f8b\u3048")).isEqualTo("r8jz45g");
        assertThat(Idna.toAscii("\u03b1\u03c3\u03c2.gr")).isEqualTo("xn--mxa8ac.gr");
        assertThat(Idna.toAscii("stra\u00dfe.\u00e9x.de")).isEqualTo("xn--strae-oqa.xn--x-9fa.de");
    }
}
