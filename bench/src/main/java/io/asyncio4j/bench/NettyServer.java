package io.asyncio4j.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * The Netty side of the server benchmarks: NIO event loop threads (one unless asked), and the {@code READY <port>}
 * handshake.
 */
public final class NettyServer {
    private NettyServer() {
    }

    /** Tells the benchmark script the server listens: prints {@code READY <port>}. */
    public static void ready(int port) {
        System.out.println("READY " + port);
        System.out.flush();
    }

    /**
     * Serves on 127.0.0.1:{@code port} (0: any) with one event loop thread and {@code TCP_NODELAY}, each connection's
     * pipeline set up by {@code init}; prints {@code READY <port>} and serves until killed.
     */
    public static void serve(int port, Consumer<ChannelPipeline> init) throws Exception {
        serve(port, 1, init);
    }

    /**
     * As {@link #serve(int, Consumer)} with {@code threads} event loop threads in one group, which both accepts and
     * serves (each connection stays on the loop it was registered with).
     */
    @SuppressWarnings("deprecation") // NioEventLoopGroup: the plain NIO transport is what is measured
    public static void serve(int port, int threads, Consumer<ChannelPipeline> init) throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(threads);
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            init.accept(c.pipeline());
                        }
                    })
                    .bind("127.0.0.1", port).sync().channel();
            ready(((InetSocketAddress) ch.localAddress()).getPort());
            ch.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }
}
