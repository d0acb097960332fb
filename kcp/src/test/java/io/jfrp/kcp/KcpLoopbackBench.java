package io.jfrp.kcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Loopback throughput of our KCP against kcp-go's, frp's settings (windows 1024/1024), for
 * docs/kcp.md; not a test. Either end can be swapped for {@code kcppeer}:
 * <pre>
 *   KcpLoopbackBench server [PORT]       echo server; prints "LISTEN host:port"; ends after 10 minutes
 *   KcpLoopbackBench client ADDR BYTES   writes BYTES, waits for the echo; prints "THROUGHPUT bytes ms"
 * </pre>
 */
public final class KcpLoopbackBench {
    private KcpLoopbackBench() {
    }

    public static void main(String[] args) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            if (args[0].equals("server")) {
                int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
                KcpServer server = KcpServer.bind(group, new InetSocketAddress("127.0.0.1", port),
                        KcpConfig.frpServer(), new EchoHandler()).sync().getNow();
                System.out.println("LISTEN 127.0.0.1:" + server.localAddress().getPort());
                server.datagramChannel().closeFuture().await(600_000);
            } else {
                client(group, args[1], Long.parseLong(args[2]));
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static void client(EventLoopGroup group, String address, long total) throws Exception {
        String[] hostPort = address.split(":");
        CompletableFuture<Long> done = new CompletableFuture<>();
        long start = System.nanoTime();
        KcpChannel client = KcpClient.connect(group, new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])),
                KcpConfig.frpXtcp(), new ChannelInboundHandlerAdapter() {
                    private long received;

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        received += ((ByteBuf) msg).readableBytes();
                        ((ByteBuf) msg).release();
                        if (received >= total) {
                            done.complete(received);
                        }
                    }
                }).sync().getNow();
        ByteBuf chunk = Unpooled.directBuffer(32768).writeZero(32768);
        client.eventLoop().execute(new Runnable() {
            private long written;

            @Override
            public void run() {
                while (written < total && client.isWritable()) {
                    int n = (int) Math.min(32768, total - written);
                    client.write(chunk.retainedSlice(0, n));
                    written += n;
                }
                client.flush();
                if (written < total) {
                    client.eventLoop().schedule(this, 1, TimeUnit.MILLISECONDS);
                }
            }
        });
        done.get(120, TimeUnit.SECONDS);
        System.out.println("THROUGHPUT " + total + " " + (System.nanoTime() - start) / 1_000_000);
        chunk.release();
        client.close().sync();
    }
}
