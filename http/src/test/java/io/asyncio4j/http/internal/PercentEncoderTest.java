package io.asyncio4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each variant against the reference: the expected strings were printed by yarl 1.8.2 and Python 3
 * ({@code URL("http://h/").with_query({"k": s})}, {@code URL.build(path=s, encoded=False).raw_path},
 * {@code urlencode([("k", s)])}, {@code quote(s, safe="")}), as used by aiohttp 3.8.
 */
class PercentEncoderTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\u0001', value = {
        "a b => a+b",
        "a+b&c=d;e => a%2Bb%26c%3Dd%3Be",
        "/p/q?r#s => /p/q?r%23s",
        "!$&'()*+,;=:@ => !$%26'()*%2B,%3B%3D:@",
        "~-._ => ~-._",
        "é€ => %C3%A9%E2%82%AC",
        "100% => 100%25",
        "\"<>[]{}|\\^` => %22%3C%3E%5B%5D%7B%7D%7C%5C%5E%60",
    })
    void queryEncodesAsYarlWithQuery(String s, String yarl) {
        assertThat(PercentEncoder.query(s)).isEqualTo(yarl);
        assertThat(PercentEncoder.appendQuery(new StringBuilder("k="), s).toString()).isEqualTo("k=" + yarl);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\u0001', value = {
        "/a b => /a%20b",
        "/a+b&c=d;e => /a+b&c=d;e",
        "/p/q?r#s => /p/q%3Fr%23s",
        "/!$&'()*+,;=:@ => /!$&'()*+,;=:@",
        "/~-._ => /~-._",
        "/é€ => /%C3%A9%E2%82%AC",
        "/100% => /100%25",
        "/\"<>[]{}|\\^` => /%22%3C%3E%5B%5D%7B%7D%7C%5C%5E%60",
    })
    void pathEncodesAsYarlRawPath(String s, String yarl) {
        assertThat(PercentEncoder.path(s)).isEqualTo(yarl);
        assertThat(PercentEncoder.appendPath(new StringBuilder(), s).toString()).isEqualTo(yarl);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\u0001', value = {
        "a/b c => a%2Fb%20c",
        "!$&'()*+,;=:@ => !$&'()*+,;=:@",
        "p?q#r => p%3Fq%23r",
        "é => %C3%A9",
    })
    void pathSegmentEncodesTheSlashToo(String s, String expected) {
        assertThat(PercentEncoder.pathSegment(s)).isEqualTo(expected);
        assertThat(PercentEncoder.appendPathSegment(new StringBuilder(), s).toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\u0001', value = {
        "a b => a+b",
        "a+b&c=d;e => a%2Bb%26c%3Dd%3Be",
        "/p/q?r#s => %2Fp%2Fq%3Fr%23s",
        "!$&'()*+,;=:@ => %21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40",
        "~-._ => ~-._",
        "é€ => %C3%A9%E2%82%AC",
        "100% => 100%25",
    })
    void formEncodesAsPythonUrlencode(String s, String python) {
        assertThat(PercentEncoder.form(s)).isEqualTo(python);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\u0001', value = {
        "a b => a%20b",
        "a+b&c=d;e => a%2Bb%26c%3Dd%3Be",
        "/p/q?r#s => %2Fp%2Fq%3Fr%23s",
        "!$&'()*+,;=:@ => %21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40",
        "~-._ => ~-._",
        "é€ => %C3%A9%E2%82%AC",
    })
    void componentEncodesAsPythonQuoteWithNothingSafe(String s, String python) {
        assertThat(PercentEncoder.component(s)).isEqualTo(python);
    }

    @org.junit.jupiter.api.Test
    void controlCharactersAreEncodedInEveryVariant() {
        String s = "\u0000\u007f";
        assertThat(PercentEncoder.query(s)).isEqualTo("%00%7F");
        assertThat(PercentEncoder.path(s)).isEqualTo("%00%7F");
        assertThat(PercentEncoder.pathSegment(s)).isEqualTo("%00%7F");
        assertThat(PercentEncoder.form(s)).isEqualTo("%00%7F");
        assertThat(PercentEncoder.component(s)).isEqualTo("%00%7F");
    }
}
