package io.asyncio4j.http.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * aiohttp's {@code web.Application}: a {@link Router}, the {@link Middleware}s around every handler, and the
 * largest body {@link Request#read()} accepts.
 *
 * <pre>{@code
 * Application app = new Application();
 * app.router().get("/", request -> Response.text("Hello, World!"));
 * Site site = Web.start(app, "127.0.0.1", 8080).await();
 * }</pre>
 *
 * <p>Configure it before it starts: {@link Web#start} freezes it (routes and middlewares can no longer change,
 * and trying throws {@link IllegalStateException}). A frozen application may serve several sites on one loop.
 */
public final class Application {
    /** aiohttp's default {@code client_max_size}: 1 MiB. */
    public static final long DEFAULT_CLIENT_MAX_SIZE = 1024 * 1024;

    private final Router router = new Router();
    private List<Middleware> middlewares = new ArrayList<>();
    private long clientMaxSize = DEFAULT_CLIENT_MAX_SIZE;
    private Handler chain;

    /** An application with no routes, no middlewares, and a 1 MiB {@code clientMaxSize}. */
    public Application() {
    }

    /** An application with these middlewares (the first is the outermost). */
    public Application(List<Middleware> middlewares) {
        this.middlewares.addAll(middlewares);
    }

    /** The router, to add routes to. */
    public Router router() {
        return router;
    }

    /** The middlewares in order, the first outermost; a list to add to until the application starts. */
    public List<Middleware> middlewares() {
        return middlewares;
    }

    /** The largest body {@link Request#read()} accepts (413 beyond). */
    public long clientMaxSize() {
        return clientMaxSize;
    }

    /** Sets the largest body {@link Request#read()} accepts, in bytes. @return this */
    public Application clientMaxSize(long bytes) {
        checkNotFrozen("clientMaxSize");
        if (bytes < 0) {
            throw new IllegalArgumentException("clientMaxSize must be >= 0, not " + bytes);
        }
        this.clientMaxSize = bytes;
        return this;
    }

    /** Whether the application has started (it can no longer change). */
    public boolean frozen() {
        return chain != null;
    }

    /** Freezes routes and middlewares and builds the handler chain; idempotent. */
    void freeze() {
        if (chain != null) {
            return;
        }
        router.freeze();
        middlewares = Collections.unmodifiableList(new ArrayList<>(middlewares));
        Handler h = request -> request.match().handler().handle(request);
        for (int i = middlewares.size() - 1; i >= 0; i--) {
            Middleware mw = Objects.requireNonNull(middlewares.get(i), "a middleware is null");
            Handler inner = h;
            h = request -> mw.handle(request, inner);
        }
        chain = h;
    }

    /**
     * Handles {@code request}: resolves its route (so that middlewares see its match info), then runs the
     * middlewares and the handler. The router's 404 or 405 is thrown inside the innermost handler, where
     * middlewares can catch it, as in aiohttp.
     */
    Response handle(Request request) throws Exception {
        try {
            Router.Match m = router.resolve(request.method(), request.routingPath());
            request.setMatch(m);
        } catch (HTTPException e) {
            request.setMatch(new Router.Match(r -> {
                throw e;
            }, java.util.Map.of()));
        }
        return chain.handle(request);
    }

    private void checkNotFrozen(String what) {
        if (chain != null) {
            throw new IllegalStateException("cannot change " + what + ": the application is running");
        }
    }
}
