package io.asyncio4j.http.web;

import static io.asyncio4j.http.web.RawClient.serve;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncio4j.http.json.TypeRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code request.json(type)} as aiohttp's {@code await request.json()} behaves for a handler that takes the keys it
 * wants: fields the type lacks are ignored; a body that is not JSON, or a value of the wrong kind, is a 400 whose
 * text says what is wrong in JSON terms and never names a Java class (issue 17 item 7).
 */
class RequestJsonBindingTest {
    record NoteIn(String title, int stars) {
    }

    record Tagged(String name, List<Integer> scores) {
    }

    enum Colour { RED, GREEN }

    record Paint(Colour colour) {
    }

    record Checked(int age) {
        Checked {
            if (age < 0) {
                throw new IllegalArgumentException("age must not be negative");
            }
        }
    }

    /** No JSON can be bound to it: the program's mistake. */
    interface NoCreator {
        String x();
    }

    private static final TypeRef<List<Tagged>> TAGGED = new TypeRef<>() {
    };

    private static Application app() {
        Application app = new Application();
        app.router()
                .post("/note", request -> {
                    NoteIn n = request.json(NoteIn.class).await();
                    return Response.text(n.title() + " " + n.stars());
                })
                .post("/tagged", request -> {
                    List<Tagged> all = request.json(TAGGED).await();
                    int sum = 0;
                    for (Tagged t : all) {
                        for (int s : t.scores()) {
                            sum += s;
                        }
                    }
                    return Response.text(all.size() + " " + all.get(0).name() + " " + sum);
                })
                .post("/paint", request -> Response.text(String.valueOf(request.json(Paint.class).await())))
                .post("/checked", request -> Response.text(String.valueOf(request.json(Checked.class).await())))
                .post("/nocreator", request -> Response.text(request.json(NoCreator.class).await().x()))
                .post("/any", request -> Response.text(String.valueOf(request.json().await())));
        return app;
    }

    private static String post(String path, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: " + b.length
                + "\r\n\r\n" + body;
    }

    private static List<RawClient.Resp> exchange(String... requests) {
        return serve(app(), port -> {
            List<RawClient.Resp> out = new ArrayList<>();
            try (RawClient c = new RawClient(port)) {
                for (String r : requests) {
                    out.add(c.exchange(r));
                }
            }
            return out;
        });
    }

    @Test
    void fieldsTheRecordLacksAreIgnoredAndMissingOnesAreDefaults() {
        List<RawClient.Resp> rs = exchange(
                post("/note", "{\"title\":\"hi\",\"stars\":3,\"author\":{\"name\":\"x\"},\"tags\":[1,2]}"),
                post("/note", "{\"title\":\"only\"}"));
        assertThat(rs.get(0).status()).isEqualTo(200);
        assertThat(rs.get(0).text()).isEqualTo("hi 3");
        assertThat(rs.get(1).status()).isEqualTo(200);
        assertThat(rs.get(1).text()).isEqualTo("only 0");
    }

    @Test
    void aGenericTypeIsReadThroughATypeRef() {
        RawClient.Resp r = exchange(post("/tagged",
                "[{\"name\":\"a\",\"scores\":[1,2],\"extra\":true},{\"name\":\"b\",\"scores\":[3]}]")).get(0);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("2 a 6");
    }

    @Test
    void aValueOfTheWrongKindIsA400InJsonTermsWithItsPath() {
        List<RawClient.Resp> rs = exchange(
                post("/note", "{\"title\":\"hi\",\"stars\":\"many\"}"),
                post("/tagged", "[{\"name\":\"a\",\"scores\":[1,\"x\"]}]"),
                post("/tagged", "{\"name\":\"a\"}"),
                post("/paint", "{\"colour\":\"BLUE\"}"),
                post("/note", "[1,2]"),
                post("/note", "{\"stars\":1.5}"));
        assertThat(rs).allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(rs.get(0).text()).isEqualTo("Invalid JSON body: expected an integer at $.stars (line 1, column 23)");
        assertThat(rs.get(1).text()).startsWith("Invalid JSON body: expected an integer at $[0].scores[1] (line 1,");
        assertThat(rs.get(2).text()).startsWith("Invalid JSON body: expected an array (line 1, column 1)");
        assertThat(rs.get(3).text()).startsWith("Invalid JSON body: expected one of \"RED\", \"GREEN\" at $.colour");
        assertThat(rs.get(4).text()).startsWith("Invalid JSON body: expected an object (line 1, column 1)");
        assertThat(rs.get(5).text()).startsWith("Invalid JSON body: expected an integer at $.stars");
        assertNoJavaNames(rs);
    }

    @Test
    void malformedEmptyOrTrailingTextIsStillA400WithoutJacksonsWords() {
        List<RawClient.Resp> rs = exchange(
                post("/note", "{\"title\": "),
                post("/note", ""),
                post("/note", "{\"title\":\"a\"} {\"title\":\"b\"}"),
                post("/any", "{'single': 1}"),
                post("/any", "{\"a\": 1 // comment\n}"),
                post("/any", "{a: 1}"),
                post("/any", "[1, 2,]"),
                post("/any", "[01]"),
                post("/any", "\"tab\tinside\""),
                post("/any", "nope"),
                post("/note", "{\"title\":\"x\",\"stars\":99999999999}"));
        assertThat(rs).allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(rs).allSatisfy(r -> assertThat(r.text()).startsWith("Invalid JSON body: "));
        assertThat(rs.get(0).text()).isEqualTo("Invalid JSON body: unexpected end of the JSON text (line 1, column 11)");
        assertThat(rs.get(1).text()).isEqualTo("Invalid JSON body: no JSON value (the text is empty)");
        assertThat(rs.get(2).text()).startsWith("Invalid JSON body: extra data after the JSON value (line 1, column");
        assertThat(rs.get(10).text()).isEqualTo("Invalid JSON body: number out of range (-2147483648 to"
                + " 2147483647) at $.stars (line 1, column 33)");
        assertNoJavaNames(rs);
    }

    @Test
    void aRecordsOwnValidationMessageIsTheReason() {
        List<RawClient.Resp> rs = exchange(post("/checked", "{\"age\":-1}"), post("/checked", "{\"age\":7}"));
        assertThat(rs.get(0).status()).isEqualTo(400);
        assertThat(rs.get(0).text()).startsWith("Invalid JSON body: invalid value: age must not be negative");
        assertThat(rs.get(1).text()).isEqualTo("Checked[age=7]");
        assertNoJavaNames(rs);
    }

    @Test
    void aTypeNoJsonCanBindIsTheServersMistakeA500() {
        try (LogCapture logs = new LogCapture("io.asyncio4j")) {
            RawClient.Resp r = exchange(post("/nocreator", "{\"x\":\"1\"}")).get(0);
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).doesNotContain("NoCreator", "java.", "`");
            assertThat(logs.records()).anySatisfy(rec -> assertThat(rec.getThrown())
                    .hasMessageStartingWith("cannot read JSON as " + NoCreator.class.getName()));
        }
    }

    @Test
    void nanAndInfinityAreReadAsPythonsJsonReadsThem() {
        RawClient.Resp r = exchange(post("/any", "[NaN, Infinity, -Infinity, 1.5]")).get(0);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("[NaN, Infinity, -Infinity, 1.5]");
    }

    private static void assertNoJavaNames(List<RawClient.Resp> rs) {
        for (RawClient.Resp r : rs) {
            assertThat(r.text()).doesNotContain("java.", "io.asyncio4j", "$NoteIn", "NoteIn", "Tagged", "jackson",
                    "Jackson", "`", "Feature", "Source", "Cannot deserialize", "ArrayList");
        }
    }
}
