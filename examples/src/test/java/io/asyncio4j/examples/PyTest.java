package io.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PyTest {
    @Test
    void reprLikePython() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", 1);
        m.put("it's", List.of(true, false));
        assertThat(Py.repr(m)).isEqualTo("{'data': 1, \"it's\": [True, False]}");
        assertThat(Py.repr(List.of(2L, 6L, 24L))).isEqualTo("[2, 6, 24]");
        assertThat(Py.repr(null)).isEqualTo("None");
        assertThat(Py.repr(Set.of())).isEqualTo("set()");
        assertThat(Py.repr(new LinkedHashSet<>(List.of("a", "b")))).isEqualTo("{'a', 'b'}");
        assertThat(Py.tuple(Set.of(), 1)).isEqualTo("(set(), 1)");
        assertThat(Py.tuple("x")).isEqualTo("('x',)");
        assertThat(Py.str("text")).isEqualTo("text");
    }

    /** Each expected string is CPython's repr() of the same float. */
    @Test
    void floatsLikePython() {
        assertThat(Py.repr(5.0)).isEqualTo("5.0");
        assertThat(Py.repr(0.0)).isEqualTo("0.0");
        assertThat(Py.repr(-0.0)).isEqualTo("-0.0");
        assertThat(Py.repr(2.0025508403778076)).isEqualTo("2.0025508403778076");
        assertThat(Py.repr(9.5367431640625e-07)).isEqualTo("9.5367431640625e-07");
        assertThat(Py.repr(0.0001)).isEqualTo("0.0001");
        assertThat(Py.repr(12345678.0)).isEqualTo("12345678.0");
        assertThat(Py.repr(1e16)).isEqualTo("1e+16");
        assertThat(Py.repr(1.5e300)).isEqualTo("1.5e+300");
        assertThat(Py.repr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    }
}
