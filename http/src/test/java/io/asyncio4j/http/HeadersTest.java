package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void isCaseInsensitiveAndMultiValued() {
        Headers h = Headers.of("Accept", "a", "X-Multi", "1", "x-multi", "2");
        assertThat(h.get("ACCEPT")).isEqualTo("a");
        assertThat(h.getAll("X-MULTI")).containsExactly("1", "2");
        assertThat(h.getAll("missing")).isEmpty();
        assertThat(h.get("missing")).isNull();
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.names()).containsExactly("Accept", "X-Multi");
        h.set("X-MULTI", "3");
        assertThat(h.getAll("x-multi")).containsExactly("3");
        assertThat(h.names()).containsExactly("Accept", "X-Multi");
        assertThat(h.remove("accept")).isTrue();
        assertThat(h.remove("accept")).isFalse();
        h.setDefault("X-Multi", "no").setDefault("New", "yes");
        assertThat(h).extracting(Map.Entry::getValue).containsExactly("3", "yes");
        assertThat(h.toString()).isEqualTo("<Headers(X-Multi: 3, New: yes)>");
        assertThat(h).isEqualTo(Headers.of("x-multi", "3", "new", "yes"));
        assertThat(h.hashCode()).isEqualTo(Headers.of("x-multi", "3", "new", "yes").hashCode());
    }

    @Test
    void refusesWhatCouldSplitAMessage() {
        Headers h = new Headers();
        assertThatThrownBy(() -> h.add("X", "a\r\nSet-Cookie: x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CR, LF or NUL");
        assertThatThrownBy(() -> h.add("X Y", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.add("", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.add("X:", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Headers.of("odd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readOnlyViewsRefuseChangesAndSeeThem() {
        Headers h = Headers.of("A", "1");
        Headers ro = h.readOnly();
        assertThatThrownBy(() -> ro.add("B", "2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ro.remove("A")).isInstanceOf(UnsupportedOperationException.class);
        h.add("B", "2");
        assertThat(ro.get("b")).isEqualTo("2");
        Headers copy = ro.copy().add("C", "3");
        assertThat(copy.size()).isEqualTo(3);
        assertThat(h.size()).isEqualTo(2);
        assertThat(List.copyOf(ro.getAll("a"))).containsExactly("1");
    }
}
