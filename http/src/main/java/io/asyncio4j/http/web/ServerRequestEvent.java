package io.asyncio4j.http.web;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coro;
import io.asyncio4j.EventLoop;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JFR event {@code io.asyncio4j.HttpServerRequest}: a request the server answered, from its complete head to the
 * end of its handling (the answer written and drained, a stream's end written, an upgraded connection's handler
 * returned, or the handling failed). Recorded with the event's {@code threshold} (20 ms by default, as the JDK's
 * socket events; 0 records every request). Committed on the loop's thread right after (on the fast carrier, JFR may
 * drop an event the loop's thread commits after one committed on a task's thread, docs/jfr.md: the library commits
 * its events on the loop's thread), with no stack trace.
 */
@Name("io.asyncio4j.HttpServerRequest")
@Label("HTTP Server Request")
@Category({"asyncio4j", "HTTP"})
@Description("A request the HTTP server handled, from its head to its answer")
@StackTrace(false)
@Threshold("20 ms")
final class ServerRequestEvent extends jdk.jfr.Event {
    /**
     * Asked whether a recording wants the event: {@code isEnabled()} of an instance reads the event type's state.
     * Callers ask only once {@code FlightRecorder.isInitialized()}: loading an event class sets up JFR's metadata.
     */
    private static final ServerRequestEvent PROBE = new ServerRequestEvent();

    @Label("Method")
    String method;

    @Label("Target")
    @Description("The request target as sent: the path and query")
    String target;

    @Label("Status")
    @Description("The status of the answer; 0 if none was sent (the client went away, or the handling failed)")
    int status;

    @Label("Remote")
    @Description("The client's IP address")
    String remote;

    /** {@return a begun event for {@code request}, or null when no recording wants it} */
    static ServerRequestEvent begin(Request request) {
        if (!PROBE.isEnabled()) {
            return null;
        }
        ServerRequestEvent e = new ServerRequestEvent();
        e.begin();
        e.method = request.method();
        e.target = request.rawPath();
        e.remote = request.remote();
        return e;
    }

    /**
     * {@return {@code body} made to end this event as it returns or throws, and to commit it from the loop: the
     * status is the one the handling {@link #answered noted}, or the started stream's (a {@link StreamResponse} or
     * a WebSocket's 101)}
     */
    Coro<Void> around(Request request, Coro<Void> body) {
        return () -> {
            try {
                return body.call();
            } finally {
                end();
                StreamResponse started = request.startedResponse();
                if (status == 0 && started != null) {
                    status = started.status();
                }
                EventLoop loop = Asyncio.getRunningLoop();
                if (!loop.isClosed()) {
                    loop.callSoon(this::commit);
                }
            }
        };
    }

    /** Notes the status of the answer about to be written. */
    void answered(int status) {
        this.status = status;
    }
}
