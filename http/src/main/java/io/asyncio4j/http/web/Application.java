package io.asyncio4j.http.web;

import com.google.errorprone.annotations.CheckReturnValue;
import io.asyncio4j.Coro;
import io.asyncio4j.http.json.JsonCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>Configure it before it starts: {@link Web#start} freezes it (routes, middlewares, sub-applications and hooks
 * can no longer change, and trying throws {@link IllegalStateException}). A frozen application may serve several
 * sites on one loop.
 *
 * <p><b>Sub-applications.</b> {@link #addSubapp} serves another application under a path prefix: a request whose
 * path is the prefix or starts with it and {@code /} is resolved by the sub-application's router (without the
 * prefix) and runs through this application's middlewares, then the sub-application's, then the handler; a path
 * the sub-application does not know gets its 404 or 405 there. {@link Request#app()} is then the sub-application.
 *
 * <p><b>State and hooks.</b> The application holds keyed state ({@link #put}, {@link #get}, {@link #state()}),
 * aiohttp's {@code app["db"] = ...}. {@link #onStartup()} hooks run in order when {@link Web#start} starts the
 * application, before it listens; {@link #onShutdown()} hooks once its site has stopped accepting, while
 * in-flight requests finish; {@link #onCleanup()} hooks after the last connection is closed (see
 * {@link Site#close()}). A sub-application's hooks run as one hook of its parent, in the place
 * {@link #addSubapp} was called. {@link #cleanupCtx()} holds aiohttp's cleanup contexts (a setup with its
 * teardown), {@link #onResponsePrepare()} the hooks run before each response's head.
 */
public final class Application {
    /** aiohttp's default {@code client_max_size}: 1 MiB. */
    public static final long DEFAULT_CLIENT_MAX_SIZE = 1024 * 1024;

    private final Router router = new Router(this);
    private List<Middleware> middlewares = new ArrayList<>();
    private long clientMaxSize = DEFAULT_CLIENT_MAX_SIZE;
    /** Null: the parent's, else the default. */
    private JsonCodec jsonCodec;
    private Handler chain;
    private final Map<String, Object> state = new ConcurrentHashMap<>();
    private List<AppHook> onStartup = new ArrayList<>();
    private List<AppHook> onShutdown = new ArrayList<>();
    private List<AppHook> onCleanup = new ArrayList<>();
    private List<ResponsePrepareHook> onResponsePrepare = new ArrayList<>();
    private List<CleanupContext> cleanupCtx = new ArrayList<>();
    /** The teardowns of the contexts entered, in the order entered. */
    private final List<Coro<?>> exits = new ArrayList<>();
    /** The sub-applications, in the order added. */
    private final List<Application> subapps = new ArrayList<>();
    /** The application this one is a sub-application of, or null. */
    private Application parent;
    /** The prefix it is served under in its parent, or null. */
    private String prefix;
    private boolean isSubapp;

    /** An application with no routes, no middlewares, and a 1 MiB {@code clientMaxSize}. */
    public Application() {
    }

    /**
     * aiohttp's {@code web.Application(middlewares=[...])}: an application with these middlewares.
     *
     * @param middlewares the middlewares, the first outermost; copied, not null and holding no null
     * @throws NullPointerException if {@code middlewares} is null
     */
    public Application(List<Middleware> middlewares) {
        this.middlewares.addAll(middlewares);
    }

    /** {@return the router, to add routes to (the same object each call)} */
    public Router router() {
        return router;
    }

    /**
     * The middlewares, aiohttp's {@code app.middlewares}.
     *
     * @return the middlewares in order, the first outermost; a list to add to until the application starts (then
     *         unmodifiable)
     */
    public List<Middleware> middlewares() {
        return middlewares;
    }

    /**
     * {@return the largest body in bytes {@link Request#read()} accepts (413 beyond), aiohttp's
     * {@code client_max_size}}
     */
    public long clientMaxSize() {
        return clientMaxSize;
    }

    /**
     * Sets the largest body {@link Request#read()} accepts, aiohttp's {@code client_max_size}.
     *
     * @param bytes the limit in bytes, 0 or more
     * @return this
     * @throws IllegalArgumentException if {@code bytes} is negative
     * @throws IllegalStateException if the application is running
     */
    public Application clientMaxSize(long bytes) {
        checkNotFrozen("clientMaxSize");
        if (bytes < 0) {
            throw new IllegalArgumentException("clientMaxSize must be >= 0, not " + bytes);
        }
        this.clientMaxSize = bytes;
        return this;
    }

    /**
     * The codec of this application's JSON: the one set with {@link #jsonCodec(JsonCodec)}, else (for a
     * sub-application) its parent's, else {@link JsonCodec#defaultCodec()}. {@link Request#json()} decodes with the
     * codec of the application whose route matched ({@code request.app()}), and so does a
     * {@link WebSocketResponse}'s {@code sendJson}/{@code receiveJson}; a handler answers with it through
     * {@code Response.json(data, request.app().jsonCodec())} (the one-argument {@link Response#json(Object)} always
     * uses the default codec). Cheap: getting the default codec loads no JSON library.
     *
     * @return the codec in force for this application
     */
    public JsonCodec jsonCodec() {
        for (Application a = this; a != null; a = a.parent) {
            if (a.jsonCodec != null) {
                return a.jsonCodec;
            }
        }
        return JsonCodec.defaultCodec();
    }

    /**
     * Sets the codec of this application's JSON and, unless they set their own, its sub-applications' (aiohttp's
     * {@code json_response(dumps=...)} and {@code request.json(loads=...)} for the whole application). It is called
     * on the loop thread of the handler's task, by every worker's loop when the application serves several (see
     * {@link JsonCodec} for what it must guarantee).
     *
     * @param codec the codec
     * @return this
     * @throws IllegalStateException if the application is running
     */
    public Application jsonCodec(JsonCodec codec) {
        checkNotFrozen("jsonCodec");
        this.jsonCodec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /**
     * aiohttp's {@code app.add_subapp(prefix, subapp)}: serves {@code subapp} under {@code prefix} (a trailing
     * {@code /} is dropped) and runs its hooks as one of this application's hooks of each kind.
     *
     * @param prefix the path prefix, starting with {@code /}
     * @param subapp the application to serve there; not this one, nor another's sub-application
     * @return this
     * @throws IllegalArgumentException if the prefix is empty or does not start with {@code /}
     * @throws IllegalStateException if either application is running, or {@code subapp} is already a
     *                               sub-application
     */
    public Application addSubapp(String prefix, Application subapp) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(subapp, "subapp");
        checkNotFrozen("sub-applications");
        if (subapp.frozen()) {
            throw new IllegalStateException("Cannot add frozen application");
        }
        if (subapp == this || subapp.isSubapp) {
            throw new IllegalStateException("the application is already a sub-application");
        }
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (prefix.isEmpty() || !prefix.startsWith("/")) {
            throw new IllegalArgumentException("Prefix cannot be empty and must start with '/': " + prefix);
        }
        router.addSubapp(prefix, subapp);
        subapp.isSubapp = true;
        subapp.parent = this;
        subapp.prefix = prefix;
        subapps.add(subapp);
        onStartup.add(a -> subapp.startup());
        onShutdown.add(a -> subapp.shutdown());
        onCleanup.add(a -> subapp.cleanup());
        return this;
    }

    /**
     * {@return the application's state: keyed values for handlers and hooks to share; a mutable, thread-safe map
     * that takes no null values}
     */
    public Map<String, Object> state() {
        return state;
    }

    /**
     * aiohttp's {@code app[key]}: the value stored under {@code key}.
     *
     * @param key the key; not null
     * @param <T> the value's type, unchecked: a wrong one throws {@link ClassCastException} where the value is used
     * @return the value, or null if none is stored
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        return (T) state.get(key);
    }

    /**
     * aiohttp's {@code app[key] = value}: stores {@code value} (null removes the key). State may change while the
     * application runs.
     *
     * @param key   the key; not null
     * @param value the value, or null to remove the key
     * @return this
     */
    public Application put(String key, Object value) {
        if (value == null) {
            state.remove(key);
        } else {
            state.put(key, value);
        }
        return this;
    }

    /**
     * aiohttp's {@code app.on_startup}: the hooks run, in order, when the application starts ({@link Web#start}),
     * before it listens.
     *
     * @return the hooks. A list to add to until the application starts (then unmodifiable: adding throws
     * {@link UnsupportedOperationException}).
     */
    public List<AppHook> onStartup() {
        return onStartup;
    }

    /**
     * aiohttp's {@code app.on_shutdown}: the hooks run, in order, when its site closes, after it stopped accepting,
     * while requests finish.
     *
     * @return the hooks. A list to add to until the application starts (then unmodifiable: adding throws
     * {@link UnsupportedOperationException}).
     */
    public List<AppHook> onShutdown() {
        return onShutdown;
    }

    /**
     * aiohttp's {@code app.on_cleanup}: the hooks run, in order, after its site's connections have all ended.
     *
     * @return the hooks. A list to add to until the application starts (then unmodifiable: adding throws
     * {@link UnsupportedOperationException}).
     */
    public List<AppHook> onCleanup() {
        return onCleanup;
    }

    /**
     * aiohttp's {@code app.on_response_prepare}: the hooks run, in order, on the request's task just before the head
     * of a response is sent: every {@link Response} the server sends (HTTP exceptions and the 404/405 of routing
     * included), {@link StreamResponse#prepare}, {@link FileResponse}, the 101 of {@link WebSocketResponse#prepare}.
     * As in aiohttp, the hooks of every application on the way to the route run, the outermost first: the
     * site's application, then the sub-application whose route matched. Answers made before routing (a malformed
     * request, an early 413) run none.
     *
     * @return the hooks. A list to add to until the application starts (then unmodifiable: adding throws
     * {@link UnsupportedOperationException}).
     */
    public List<ResponsePrepareHook> onResponsePrepare() {
        return onResponsePrepare;
    }

    /**
     * aiohttp's {@code app.cleanup_ctx}: the {@link CleanupContext}s, each set up when the application starts and
     * torn down when it is cleaned up. As in aiohttp (which registers the contexts as the first {@code on_startup}
     * and {@code on_cleanup} callback), the setups run in order before the {@link #onStartup()} hooks, and the
     * teardowns of those whose setup completed run in reverse order before the {@link #onCleanup()} hooks. Every
     * teardown runs even if one fails; then a single failure is thrown as it is, several as a {@link CleanupError},
     * and the {@code onCleanup} hooks do not run (aiohttp's signal stops at a failing callback). If the start fails
     * (a setup or a startup hook throws), {@link Web#start} tears down the contexts already set up, their failures
     * added as suppressed to the start's.
     *
     * @return the contexts. A list to add to until the application starts (then unmodifiable: adding throws
     * {@link UnsupportedOperationException}).
     */
    public List<CleanupContext> cleanupCtx() {
        return cleanupCtx;
    }

    /**
     * aiohttp's {@code await app.startup()}: sets the {@link #cleanupCtx()} contexts up, then runs the
     * {@link #onStartup()} hooks, in order; the first failure propagates. {@link Web#start} calls it; call it
     * yourself only to drive an application without a site.
     *
     * @return the startup, run when awaited on the loop's thread; awaiting it throws what a setup or a hook throws,
     *         as it is
     */
    @CheckReturnValue
    public Coro<Void> startup() {
        return Coro.named("Application.startup", () -> {
            for (CleanupContext ctx : List.copyOf(cleanupCtx)) {
                Coro<Coro<?>> setup = Objects.requireNonNull(ctx.enter(this),
                        "a cleanup context returned null instead of a Coro");
                Coro<?> teardown = setup.await();
                exits.add(teardown != null ? teardown : () -> null);
            }
            runHooks(onStartup).await();
            return null;
        });
    }

    /**
     * aiohttp's {@code await app.shutdown()}: runs the {@link #onShutdown()} hooks in order.
     *
     * @return the shutdown, run when awaited on the loop's thread; awaiting it throws what a hook throws, as it is,
     *         and the later hooks do not run
     */
    @CheckReturnValue
    public Coro<Void> shutdown() {
        return Coro.named("Application.shutdown", runHooks(onShutdown));
    }

    /**
     * aiohttp's {@code await app.cleanup()}: tears the {@link #cleanupCtx()} contexts down (in reverse order), then
     * runs the {@link #onCleanup()} hooks in order; see {@link #cleanupCtx()} for failures.
     *
     * @return the cleanup, run when awaited on the loop's thread; awaiting it throws what a single failing teardown
     *         or a hook throws, as it is
     * @throws CleanupError (when awaited) if several teardowns failed
     */
    @CheckReturnValue
    public Coro<Void> cleanup() {
        return Coro.named("Application.cleanup", () -> {
            exitContexts();
            runHooks(onCleanup).await();
            return null;
        });
    }

    /** Runs the teardowns of the contexts entered, last first, each once; throws their failures as aiohttp does. */
    private void exitContexts() {
        List<Throwable> errors = new ArrayList<>();
        while (!exits.isEmpty()) {
            Coro<?> teardown = exits.remove(exits.size() - 1);
            try {
                teardown.await();
            } catch (io.asyncio4j.CancelledError e) {
                throw e;
            } catch (Exception e) {
                errors.add(e);
            }
        }
        throwCleanupErrors(errors);
    }

    private static void throwCleanupErrors(List<Throwable> errors) {
        if (errors.size() == 1) {
            throw Application.<RuntimeException>sneakyThrow(errors.get(0)); // the very same object, as Coro.await
        }
        if (!errors.isEmpty()) {
            throw new CleanupError("Multiple errors on cleanup stage", errors);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }

    /**
     * After a failed start: tears down the contexts already set up, of the sub-applications (last added first) and
     * then this application's, and adds their failures to {@code failure} as suppressed.
     */
    void exitContextsAfterFailedStartup(Throwable failure) {
        for (int i = subapps.size() - 1; i >= 0; i--) {
            subapps.get(i).exitContextsAfterFailedStartup(failure);
        }
        try {
            exitContexts();
        } catch (CleanupError e) {
            e.exceptions().forEach(failure::addSuppressed);
        } catch (io.asyncio4j.CancelledError e) {
            throw e;
        } catch (Throwable e) {
            failure.addSuppressed(e);
        }
    }

    private Coro<Void> runHooks(List<AppHook> hooks) {
        return () -> {
            for (AppHook h : List.copyOf(hooks)) {
                Coro<?> c = h.call(this);
                if (c != null) {
                    c.await();
                }
            }
            return null;
        };
    }

    /** {@return whether the application has started (it can no longer change)} */
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
        onStartup = Collections.unmodifiableList(new ArrayList<>(onStartup));
        onShutdown = Collections.unmodifiableList(new ArrayList<>(onShutdown));
        onCleanup = Collections.unmodifiableList(new ArrayList<>(onCleanup));
        onResponsePrepare = Collections.unmodifiableList(new ArrayList<>(onResponsePrepare));
        cleanupCtx = Collections.unmodifiableList(new ArrayList<>(cleanupCtx));
        chain = wrap(request -> request.match().handler().handle(request));
        router.freezeSubapps();
    }

    /** {@code inner} inside this application's middlewares (the first outermost). */
    private Handler wrap(Handler inner) {
        Handler h = inner;
        for (int i = middlewares.size() - 1; i >= 0; i--) {
            Middleware mw = Objects.requireNonNull(middlewares.get(i), "a middleware is null");
            Handler in = h;
            h = request -> mw.handle(request, in);
        }
        return h;
    }

    /**
     * Resolves {@code path} (without the parent's prefix) as a sub-application: the match's handler runs inside
     * this application's middlewares; a 404 or 405 is thrown there, inside them.
     */
    Router.Match resolveAsSubapp(String method, String path) {
        Router.Match m = resolveOrError(method, path);
        return new Router.Match(wrap(m.handler()), m.matchInfo(), m.app());
    }

    private Router.Match resolveOrError(String method, String path) {
        try {
            return router.resolve(method, path, this);
        } catch (HTTPException e) {
            return new Router.Match(r -> {
                throw e;
            }, Map.of(), this);
        }
    }

    /**
     * Handles {@code request}: resolves its route (so that middlewares see its match info), answers an
     * {@code Expect: 100-continue} with {@code 100 Continue} (aiohttp's default {@code expect_handler}, which runs
     * there: after routing, before the middlewares, for every route, a 404's too), then runs the middlewares and the
     * handler. The router's 404 or 405 is thrown inside the innermost handler, where middlewares can catch it, as in
     * aiohttp.
     */
    Response handle(Request request) throws Exception {
        request.setMatch(resolveOrError(request.method(), request.routingPath()));
        request.continueIfExpected();
        return chain.handle(request);
    }

    /** The prefix this application is served under by its parent ({@link #addSubapp}), or null. */
    String prefix() {
        return prefix;
    }

    /** This application and its parents, the outermost first (aiohttp's {@code match_info.apps}). */
    List<Application> appChain() {
        List<Application> out = new ArrayList<>();
        for (Application a = this; a != null; a = a.parent) {
            out.add(0, a);
        }
        return out;
    }

    private void checkNotFrozen(String what) {
        if (chain != null) {
            throw new IllegalStateException("cannot change " + what + ": the application is running");
        }
    }
}
