package io.asyncio4j.http.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * What Jetty's {@code HttpParser}, the differential tests' oracle, parsed: each message in the tests' text form
 * ({@code start line | name: value | ... || body}, names in lower case), and its first verdict against the bytes.
 */
public abstract class JettyRecorder implements HttpParser.HttpHandler {
    /** The complete messages, in order. */
    public final List<String> messages = new ArrayList<>();
    /** The first refusal ({@code "400 reason"}, {@code "early EOF"}), or null. */
    public String error;
    private StringBuilder current;
    private ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** Records requests. */
    public static final class Requests extends JettyRecorder implements HttpParser.RequestHandler {
        @Override
        public void startRequest(String method, String uri, HttpVersion version) {
            start(method + " " + uri + " " + version.asString());
        }
    }

    /** Records responses. */
    public static final class Responses extends JettyRecorder implements HttpParser.ResponseHandler {
        @Override
        public void startResponse(HttpVersion version, int status, String reason) {
            start(version.asString() + " " + status);
        }
    }

    void start(String startLine) {
        current = new StringBuilder(startLine);
        body = new ByteArrayOutputStream();
    }

    @Override
    public void parsedHeader(HttpField field) {
        current.append(" | ").append(field.getName().toLowerCase(Locale.ROOT)).append(": ")
                .append(field.getValue() == null ? "" : field.getValue());
    }

    @Override
    public boolean headerComplete() {
        return false;
    }

    @Override
    public boolean content(ByteBuffer item) {
        byte[] d = new byte[item.remaining()];
        item.get(d);
        body.writeBytes(d);
        return false;
    }

    @Override
    public boolean contentComplete() {
        return false;
    }

    @Override
    public boolean messageComplete() {
        messages.add(current + " || " + body.toString(StandardCharsets.ISO_8859_1));
        return true;
    }

    @Override
    public void earlyEOF() {
        error = error == null ? "early EOF" : error;
    }

    @Override
    public void badMessage(HttpException failure) {
        error = error == null ? failure.getCode() + " " + failure.getReason() : error;
    }
}
