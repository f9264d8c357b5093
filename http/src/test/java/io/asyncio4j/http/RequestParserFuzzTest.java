package io.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.asyncio4j.http.internal.HttpParseException;
import io.asyncio4j.http.internal.RequestHead;
import io.asyncio4j.http.internal.RequestParser;

/**
 * Fuzzes {@link RequestParser} with Jazzer. The build fuzzes for {@code maxDuration} in the fast-carrier run
 * ({@code JAZZER_FUZZ=1}, set in http/pom.xml) and replays the seeds and past findings in the portable run; a
 * finding fails the build and is saved beside the seeds. Whatever the bytes and however they are split, the
 * parser must only ever report events in order (head, body, complete) or one error with a 4xx/5xx status, never
 * throw, never report more body than a declared Content-Length, and parse the same bytes the same way whether they
 * come at once or in two pieces (a rejection's status aside).
 */
class RequestParserFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void neverMisbehaves(FuzzedDataProvider data) {
        int cut = data.consumeInt(0, 4096);
        byte[] wire = data.consumeRemainingAsBytes();
        String whole = run(wire, new int[0]);
        String split = run(wire, cut > 0 && cut < wire.length ? new int[] {cut} : new int[0]);
        // Whether and where the bytes are rejected must not depend on the split; the status is left out of the
        // comparison (it did depend on it when Jetty parsed, which classified some garbage request lines
        // differently when it could look ahead to the version).
        assertThat(split.replaceAll("E \\d+", "E")).isEqualTo(whole.replaceAll("E \\d+", "E"));
    }

    /** A transcript of the events, checking the invariants as they come. */
    private static String run(byte[] wire, int[] cuts) {
        StringBuilder log = new StringBuilder();
        long[] body = {0};
        RequestHead[] head = {null};
        boolean[] failed = {false};
        RequestParser p = new RequestParser(new RequestParser.Listener() {
            @Override
            public void onHead(RequestHead h) {
                assertThat(failed[0]).isFalse();
                assertThat(head[0]).isNull();
                assertThat(h.chunked() && h.contentLength() >= 0).isFalse();
                head[0] = h;
                body[0] = 0;
                log.append("H ").append(h.method()).append(' ').append(h.target()).append(' ')
                        .append(h.headers().size()).append('\n');
            }

            @Override
            public void onBody(byte[] d) {
                assertThat(head[0]).isNotNull();
                body[0] += d.length;
                if (!head[0].chunked()) {
                    assertThat(body[0]).isLessThanOrEqualTo(head[0].contentLength());
                }
            }

            @Override
            public void onComplete() {
                assertThat(head[0]).isNotNull();
                if (!head[0].chunked()) {
                    assertThat(body[0]).isEqualTo(head[0].contentLength());
                }
                log.append("C ").append(body[0]).append('\n');
                head[0] = null;
            }

            @Override
            public void onError(HttpParseException e) {
                assertThat(failed[0]).isFalse();
                assertThat(e.status()).isBetween(400, 599);
                failed[0] = true;
                log.append("E ").append(e.status()).append('\n');
            }
        });
        RequestParserTest.feed(p, wire, cuts);
        return log.toString();
    }
}
