package io.asyncio4j.bench.echo;

import io.asyncio4j.Asyncio;
import io.asyncio4j.bench.NettyServer;
import io.asyncio4j.net.AbstractServer;
import io.asyncio4j.net.BufferedProtocol;
import io.asyncio4j.net.Net;
import io.asyncio4j.net.Protocol;
import io.asyncio4j.net.Transport;
import io.asyncio4j.streams.Server;
import io.asyncio4j.streams.Streams;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.ByteBuffer;

/**
 * The echo servers of uvloop's echo benchmark, in Java, each on one event-loop thread:
 * {@code streams} (asyncio4j streams: {@code read(1_000_000)}, {@code write}, no drain), {@code readinto} (the
 * same streams with {@code readinto} into one direct buffer per connection and {@code write(ByteBuffer)}), {@code protocol}
 * (an asyncio4j {@link Protocol} writing back what it receives), {@code buffered} (an asyncio4j {@link BufferedProtocol}
 * reading into one direct buffer shared by all connections and writing it back with {@code Transport.write(ByteBuffer)}:
 * no byte goes through the Java heap) and {@code netty} (Netty's NIO transport, one event loop thread). Prints {@code READY <port>} once listening, then serves until killed.
 *
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp benchmarks.jar io.asyncio4j.bench.echo.EchoServer streams|readinto|protocol|buffered|netty [PORT=0]
 * </pre>
 */
public final class EchoServer {
    private EchoServer() {
    }

    public static void main(String[] args) throws Exception {
        String impl = args.length > 0 ? args[0] : "streams";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        switch (impl) {
            case "streams" -> Asyncio.run(() -> {
                Server s = Streams.startServer((reader, writer) -> {
                    while (true) {
                        byte[] data = reader.read(1_000_000).await();
                        if (data.length == 0) {
                            break;
                        }
                        writer.write(data);
                    }
                    writer.close();
                }, "127.0.0.1", port).await();
                NettyServer.ready(s.port());
                return s.serveForever().await();
            });
            case "readinto" -> Asyncio.run(() -> {
                Server s = Streams.startServer((reader, writer) -> {
                    ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024); // this connection's, for every message
                    while (reader.readinto(buf.clear()).await() > 0) {
                        writer.write(buf.flip());
                    }
                    writer.close();
                }, "127.0.0.1", port).await();
                NettyServer.ready(s.port());
                return s.serveForever().await();
            });
            case "protocol" -> Asyncio.run(() -> {
                AbstractServer s = Net.createServer(() -> new Protocol() {
                    private Transport transport;

                    @Override
                    public void connectionMade(Transport t) {
                        transport = t;
                    }

                    @Override
                    public void dataReceived(byte[] data) {
                        transport.write(data);
                    }
                }, "127.0.0.1", port).await();
                NettyServer.ready(s.port());
                return s.serveForever().await();
            });
            case "buffered" -> Asyncio.run(() -> {
                // One direct buffer for every connection: the loop runs one callback at a time, and write() sends
                // the bytes or copies what it cannot send before it returns, so the buffer is free again after.
                ByteBuffer shared = ByteBuffer.allocateDirect(256 * 1024);
                AbstractServer s = Net.createServer(() -> new BufferedProtocol() {
                    private Transport transport;

                    @Override
                    public void connectionMade(Transport t) {
                        transport = t;
                    }

                    @Override
                    public ByteBuffer getBuffer(int sizeHint) {
                        return shared.clear();
                    }

                    @Override
                    public void bufferUpdated(int nbytes) {
                        transport.write(shared.flip());
                    }
                }, "127.0.0.1", port).await();
                NettyServer.ready(s.port());
                return s.serveForever().await();
            });
            case "netty" -> netty(port);
            default -> {
                System.err.println("usage: EchoServer streams|readinto|protocol|buffered|netty [PORT]");
                System.exit(2);
            }
        }
    }

    @ChannelHandler.Sharable
    private static final class NettyEcho extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
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
        NettyEcho echo = new NettyEcho();
        NettyServer.serve(port, p -> p.addLast(echo));
    }
}
