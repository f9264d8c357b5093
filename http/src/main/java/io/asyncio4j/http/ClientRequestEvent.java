package io.asyncio4j.http;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import java.net.URI;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JFR event {@code io.asyncio4j.HttpClientRequest}: a request a {@link ClientSession} made, from the call to the
 * final response's head (redirects followed included), or to the error it raised; the body is read afterwards,
 * outside the event. Recorded with the event's {@code threshold} (20 ms by default, as the JDK's socket events; 0
 * records every request). Committed on the loop's thread right after (on the fast carrier, JFR may drop an event the
 * loop's thread commits after one committed on a task's thread, docs/jfr.md: the library commits its events on the
 * loop's thread), with no stack trace.
 */
@Name("io.asyncio4j.HttpClientRequest")
@Label("HTTP Client Request")
@Category({"asyncio4j", "HTTP"})
@Description("A request an HTTP client session made, from the call to the response's head")
@StackTrace(false)
@Threshold("20 ms")
final class ClientRequestEvent extends jdk.jfr.Event {
    /**
     * Asked whether a recording wants the event: {@code isEnabled()} of an instance reads the event type's state.
     * Callers ask only once {@code FlightRecorder.isInitialized()}: loading an event class sets up JFR's metadata.
     */
    private static final ClientRequestEvent PROBE = new ClientRequestEvent();

    @Label("Method")
    @Description("The method of the last request sent (a redirect may change it)")
    String method;

    @Label("URL")
    @Description("The URL of the last request sent (after redirects)")
    String url;

    @Label("Status")
    @Description("The final response's status; 0 if the request failed")
    int status;

    @Label("Redirects")
    @Description("How many redirects were followed")
    int redirects;

    @Label("Exception")
    @Description("The class of the exception the request raised, if it did")
    String exception;

    /** {@return a begun event, or null when no recording wants it} */
    static ClientRequestEvent start() {
        if (!PROBE.isEnabled()) {
            return null;
        }
        ClientRequestEvent e = new ClientRequestEvent();
        e.begin();
        return e;
    }

    /** Ends and commits the event of a request answered with {@code resp}. */
    void answered(String method, URI url, ClientResponse resp) {
        end();
        if (shouldCommit()) {
            this.method = method;
            this.url = url == null ? null : url.toString();
            status = resp.status();
            redirects = resp.history().size();
            commitOnLoop();
        }
    }

    /** Ends and commits the event of a request that raised {@code e}. */
    void failed(String method, URI url, String rawUrl, Throwable e) {
        end();
        if (shouldCommit()) {
            this.method = method;
            this.url = url != null ? url.toString() : rawUrl;
            exception = e.getClass().getName();
            commitOnLoop();
        }
    }

    private void commitOnLoop() {
        EventLoop loop = Asyncio.getRunningLoop();
        if (!loop.isClosed()) {
            loop.callSoon(this::commit);
        }
    }
}
