package io.asyncio4j.bench.http;

import io.asyncio4j.Asyncio;
import io.asyncio4j.bench.NettyServer;
import io.asyncio4j.http.web.Application;
import io.asyncio4j.http.web.Response;
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
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp benchmarks.jar io.asyncio4j.bench.http.HelloServer asyncio4j|netty [PORT=0] [THREADS=1]
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp benchmarks.jar io.asyncio4j.bench.http.HelloServer asyncio4j-workers [PORT=0] [WORKERS=2]
 * </pre>
 */
public final class HelloServer {
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    private HelloServer() {
    }

    public static void main(String[] args) throws Exception {
        String impl = args.length > 0 ? args[0] : "asyncio4j";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : impl.equals("asyncio4j-workers") ? 2 : 1;
        switch (impl) {
            case "asyncio4j" -> Asyncio.run(() -> {
                Application app = new Application();
                app.router().get("/", request -> Response.text("Hello, World!"));
                Site site = Web.start(app, "127.0.0.1", port).await();
                NettyServer.ready(site.port());
                Asyncio.getRunningLoop().createFuture().await(); // serve until killed
                return null;
            });
            case "asyncio4j-workers" -> Asyncio.run(() -> {
                Site site = Web.start(() -> {
                    Application app = new Application();
                    app.router().get("/", request -> Response.text("Hello, World!"));
                    return app;
                }, "127.0.0.1", port, threads).await();
                NettyServer.ready(site.port());
                site.waitClosed().await(); // serve until killed
                return null;
            });
            case "netty" -> netty(port, threads);
            default -> {
                System.err.println("usage: HelloServer asyncio4j|asyncio4j-workers|netty [PORT] [THREADS]");
                System.exit(2);
            }
        }
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
