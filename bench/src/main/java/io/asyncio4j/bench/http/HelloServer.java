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
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp benchmarks.jar io.asyncio4j.bench.http.HelloServer asyncio4j|netty [PORT=0]
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
            case "asyncio4j" -> Asyncio.run(() -> {
                Application app = new Application();
                app.router().get("/", request -> Response.text("Hello, World!"));
                Site site = Web.start(app, "127.0.0.1", port).await();
                NettyServer.ready(site.port());
                Asyncio.getRunningLoop().createFuture().await(); // serve until killed
                return null;
            });
            case "netty" -> netty(port);
            default -> {
                System.err.println("usage: HelloServer asyncio4j|netty [PORT]");
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

    private static void netty(int port) throws Exception {
        NettyHello hello = new NettyHello();
        NettyServer.serve(port, p -> p.addLast(new HttpServerCodec(), hello));
    }
}
