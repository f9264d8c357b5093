package io.asyncio4j.bench.http;

import io.asyncio4j.Asyncio;
import io.asyncio4j.bench.NettyServer;
import io.asyncio4j.http.web.AccessLogger;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
import io.asyncio4j.http.web.ServerOptions;
import io.asyncio4j.http.web.Site;
import io.asyncio4j.http.web.Web;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The servers of the HTTP hello-world benchmark, each on one event-loop thread: {@code asyncio4j} (an
 * {@link Application} whose {@code GET /} handler answers {@code Response.text("Hello, World!")}) and {@code netty}
 * (Netty's {@code HttpServerCodec} with a handler writing the same answer, keep-alive honoured, one event loop
 * thread). Prints {@code READY <port>} once listening, then serves until killed.
 *
 * <p>On several cores (issue 19): {@code asyncio4j-workers N} serves the same application with N workers
 * ({@link Web#start(java.util.function.Supplier, String, int, int)}: N loops, each on its own thread with its own
 * {@code SO_REUSEPORT} socket), and {@code netty N} runs Netty with N event-loop threads (one group, which also
 * accepts).
 *
 * <p>{@code asyncio4j-accesslog} is {@code asyncio4j} with the access log on ({@code ServerOptions.withAccessLog()},
 * the default format), its logger {@code io.asyncio4j.http.access} writing to {@code LOGFILE} with a formatter that
 * writes the line alone (as an aiohttp deployment's {@code format="%(message)s"}), through one of two sinks:
 * {@code flush}, a {@code java.util.logging.FileHandler}, which flushes every line (one {@code write} system call
 * per request, as Python's {@code logging.FileHandler}); {@code buffered}, a {@code StreamHandler} over a 64 KiB
 * buffer, written when full (nginx's {@code access_log ... buffer=64k}); {@code direct}, the same 64 KiB buffer
 * behind a {@code System.Logger} of its own given to {@code new AccessLogger(logger, format)} (a logging library's
 * {@code System.Logger} without {@code java.util.logging}'s records and handlers: what the access log itself costs).
 * The access log benchmark runs them all against {@code asyncio4j} in the same run.
 *
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp benchmarks.jar io.asyncio4j.bench.http.HelloServer asyncio4j|netty [PORT=0] [THREADS=1]
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp benchmarks.jar io.asyncio4j.bench.http.HelloServer asyncio4j-workers [PORT=0] [WORKERS=2]
 * java ... io.asyncio4j.bench.http.HelloServer asyncio4j-accesslog [PORT=0] [LOGFILE=access.log] [flush|buffered|direct]
 * </pre>
 */
public final class HelloServer {
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    private HelloServer() {
    }

    public static void main(String[] args) throws Exception {
        String impl = args.length > 0 ? args[0] : "asyncio4j";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        switch (impl) {
            case "asyncio4j" -> asyncio4j(port, ServerOptions.DEFAULT);
            case "asyncio4j-accesslog" -> {
                String file = args.length > 2 ? args[2] : "access.log";
                String sink = args.length > 3 ? args[3] : "flush";
                if (sink.equals("direct")) {
                    asyncio4j(port, ServerOptions.DEFAULT.withAccessLog(
                            new AccessLogger(new LineLogger(file), AccessLogger.LOG_FORMAT)));
                } else {
                    logTo(file, sink);
                    asyncio4j(port, ServerOptions.DEFAULT.withAccessLog());
                }
            }
            case "asyncio4j-workers" -> Asyncio.run(() -> {
                Site site = Web.start(() -> {
                    Application app = new Application();
                    app.router().get("/", request -> Response.text("Hello, World!"));
                    return app;
                }, "127.0.0.1", port, threads(args, 2)).await();
                NettyServer.ready(site.port());
                site.waitClosed().await(); // serve until killed
                return null;
            });
            case "netty" -> netty(port, threads(args, 1));
            default -> {
                System.err.println("usage: HelloServer asyncio4j|asyncio4j-workers|netty [PORT] [THREADS], or"
                        + " asyncio4j-accesslog [PORT] [LOGFILE] [flush|buffered|direct]");
                System.exit(2);
            }
        }
    }

    private static int threads(String[] args, int otherwise) {
        return args.length > 2 ? Integer.parseInt(args[2]) : otherwise;
    }

    private static void asyncio4j(int port, ServerOptions options) {
        Asyncio.run(() -> {
            Application app = new Application();
            app.router().get("/", request -> Response.text("Hello, World!"));
            Site site = Web.start(app, "127.0.0.1", port, options).await();
            NettyServer.ready(site.port());
            Asyncio.getRunningLoop().createFuture().await(); // serve until killed
            return null;
        });
    }

    /**
     * A {@code System.Logger} that writes each message and a newline into a 64 KiB buffer over {@code file}, flushed
     * when full: the fastest back end a logging library could give, for the {@code direct} sink. For one loop.
     */
    private static final class LineLogger implements System.Logger {
        private final java.io.Writer out;

        LineLogger(String file) throws java.io.IOException {
            out = new java.io.BufferedWriter(new java.io.FileWriter(file, java.nio.charset.StandardCharsets.UTF_8),
                    64 * 1024);
        }

        @Override
        public String getName() {
            return AccessLogger.LOGGER_NAME;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= Level.INFO.getSeverity();
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
            try {
                out.write(msg);
                out.write('\n');
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
            log(level, bundle, params == null || params.length == 0 ? format
                    : java.text.MessageFormat.format(format, params), (Throwable) null);
        }
    }

    /** Held here: java.util.logging keeps loggers weakly, and a collected logger loses its handler. */
    private static java.util.logging.Logger accessLogger;

    /** Sends the access log's lines, one per line and nothing else, to {@code file}, through {@code sink}. */
    private static void logTo(String file, String sink) throws java.io.IOException {
        java.util.logging.StreamHandler h = switch (sink) {
            case "flush" -> new java.util.logging.FileHandler(file, false);
            case "buffered" -> new java.util.logging.StreamHandler(new java.io.BufferedOutputStream(
                    new java.io.FileOutputStream(file), 64 * 1024), new java.util.logging.SimpleFormatter());
            default -> throw new IllegalArgumentException("sink: flush or buffered, not " + sink);
        };
        h.setFormatter(new java.util.logging.Formatter() {
            @Override
            public String format(java.util.logging.LogRecord r) {
                return r.getMessage() + "\n";
            }
        });
        accessLogger = java.util.logging.Logger.getLogger(AccessLogger.LOGGER_NAME);
        accessLogger.setUseParentHandlers(false);
        accessLogger.setLevel(java.util.logging.Level.INFO);
        accessLogger.addHandler(h);
    }

    @ChannelHandler.Sharable
    private static final class NettyHello extends SimpleChannelInboundHandler<HttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpRequest req) {
            ByteBuf body = Unpooled.wrappedBuffer(HELLO);
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, HELLO.length);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (keepAlive) {
                if (!req.protocolVersion().isKeepAliveDefault()) {
                    resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                }
                ctx.write(resp);
            } else {
                resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.write(resp).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static void netty(int port, int threads) throws Exception {
        NettyHello hello = new NettyHello();
        NettyServer.serve(port, threads, p -> p.addLast(new HttpServerCodec(), hello));
    }
}
