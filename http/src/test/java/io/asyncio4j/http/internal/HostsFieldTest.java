package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Hosts#isHostField}: what Jetty's parser took as a Host field, found by trying it (12.1). */
class HostsFieldTest {
    @Test
    void acceptsHostsAndPorts() {
        for (String ok : new String[] {"", "h", "h:65535", "h:1", "example.org:8080", "h,h", "h_1", "h%20", "h'",
            "h!$&()*+;=~", "[::1]", "[::1]:80", "::1", "[2001:db8::1]", "[::ffff:192.0.2.1]", "1.2.3.4:80",
            "[1:2:3:4:5:6:7:8]"}) {
            assertThat(Hosts.isHostField(ok)).as(ok).isTrue();
        }
    }

    @Test
    void refusesTheRest() {
        for (String bad : new String[] {"h:", "h:0", "h:99999", "h:abc", "a b", "[::1", "h@x", "h/x", "h?", "h#",
            "[v1.x]", "a:1:2", ":80", "[::1]x", "%", "h%2", "[:.:1]", "[1:2:3:4:5:6:7:8:9]", "[1::2::3]",
            "[12345::]", "h\u00e9"}) {
            assertThat(Hosts.isHostField(bad)).as(bad).isFalse();
        }
    }
}
