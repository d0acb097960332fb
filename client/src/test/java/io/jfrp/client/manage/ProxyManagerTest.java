package io.jfrp.client.manage;

import io.jfrp.client.proxy.ClientProxyFactory;
import io.jfrp.client.proxy.LocalDialer;
import io.jfrp.client.proxy.stream.StreamProxy;
import io.jfrp.config.model.proxy.HealthCheck;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyMessages;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.proxy.ProxyTypeRegistry;
import io.jfrp.protocol.msg.CloseProxy;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewProxyResp;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy manager against a control connection whose far end records what the client sends
 * (NewProxy, CloseProxy, exactly): what is asked for at login, what answers do, what an update
 * changes and leaves alone, and how a health check withdraws and restores a proxy.
 */
class ProxyManagerTest {
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup local = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    private final LinkedBlockingQueue<Object> sent = new LinkedBlockingQueue<>();
    private ProxyManager manager;
    private Channel control;
    private Channel server;

    @BeforeEach
    void connect() throws Exception {
        LocalAddress address = new LocalAddress("control-" + System.nanoTime());
        server = new ServerBootstrap().group(local).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                sent.add(msg);
                            }
                        });
                    }
                }).bind(address).sync().channel();
        control = new Bootstrap().group(local).channel(LocalChannel.class).handler(new ChannelInboundHandlerAdapter())
                .connect(address).sync().channel();
        ProxyTypeRegistry<ClientProxyFactory> factories = ProxyTypeRegistry.<ClientProxyFactory>builder()
                .add(ProxyType.TCP, StreamProxy.FACTORY).build();
        manager = new ProxyManager("u", factories, new LocalDialer(NioSocketChannel.class, Duration.ofSeconds(1)), loops);
    }

    @AfterEach
    void close() throws Exception {
        manager.close();
        control.close().sync();
        server.close().sync();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        local.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static ProxyConfig tcp(String name, int remotePort) {
        return ProxyBuilder.tcp(name, "127.0.0.1", 22, remotePort).build();
    }

    private Object next() throws InterruptedException {
        Object m = sent.poll(5, TimeUnit.SECONDS);
        assertThat(m).as("a message from the client").isNotNull();
        return m;
    }

    private List<Object> nextN(int n) throws InterruptedException {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    private ProxyPhase phase(String name) {
        return manager.status(name).orElseThrow().phase();
    }

    @Test
    void everyProxyIsAskedForAtLoginAndTheAnswersMakeThemRunningOrRefused() throws Exception {
        manager.update(List.of(tcp("a", 6000), tcp("b", 6001)), Set.of());
        assertThat(sent.poll(200, TimeUnit.MILLISECONDS)).as("nothing before the login").isNull();
        assertThat(phase("a")).isEqualTo(ProxyPhase.NEW);

        manager.connected(control);
        assertThat(nextN(2)).containsExactly(ProxyMessages.toNewProxy(tcp("a", 6000), "u"),
                ProxyMessages.toNewProxy(tcp("b", 6001), "u"));
        assertThat(phase("a")).isEqualTo(ProxyPhase.WAIT_START);

        manager.onNewProxyResp(new NewProxyResp("u.a", ":6000", ""));
        manager.onNewProxyResp(new NewProxyResp("u.b", "", "port already used"));
        assertThat(manager.statuses()).extracting(ProxyStatus::phase, ProxyStatus::error, ProxyStatus::remoteAddr)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ProxyPhase.RUNNING, "", ":6000"),
                        org.assertj.core.groups.Tuple.tuple(ProxyPhase.START_ERROR, "port already used", ""));
        assertThat(manager.proxy("u.a")).isNotNull();
        assertThat(manager.proxy("u.b")).as("a refused proxy serves nothing").isNull();
        assertThat(manager.proxy("a")).as("wire names only").isNull();

        manager.disconnected(control);
        assertThat(phase("a")).isEqualTo(ProxyPhase.NEW);
        assertThat(manager.proxy("u.a")).isNull();
    }

    @Test
    void anUpdateChangesOnlyTheDifference() throws Exception {
        manager.update(List.of(tcp("keep", 6000), tcp("change", 6001), tcp("drop", 6002)), Set.of());
        manager.connected(control);
        nextN(3);
        for (String name : List.of("keep", "change", "drop")) {
            manager.onNewProxyResp(new NewProxyResp("u." + name, ":600x", ""));
        }

        ProxyManager.Changes changes = manager.update(List.of(tcp("keep", 6000), tcp("change", 6011), tcp("add", 6003)),
                Set.of());

        assertThat(changes.added()).containsExactly("add");
        assertThat(changes.changed()).containsExactly("change");
        assertThat(changes.removed()).containsExactly("drop");
        assertThat(changes.unchanged()).containsExactly("keep");
        assertThat(nextN(4)).containsExactly(new CloseProxy("u.change"), new CloseProxy("u.drop"),
                ProxyMessages.toNewProxy(tcp("change", 6011), "u"), ProxyMessages.toNewProxy(tcp("add", 6003), "u"));
        assertThat(sent.poll(200, TimeUnit.MILLISECONDS)).as("nothing about the unchanged proxy").isNull();
        assertThat(phase("keep")).isEqualTo(ProxyPhase.RUNNING);
        assertThat(manager.statuses()).extracting(s -> s.config().name()).containsExactly("keep", "change", "add");
        assertThat(manager.proxy("u.drop")).isNull();

        manager.close();
        assertThat(nextN(3)).containsExactlyInAnyOrder(new CloseProxy("u.keep"), new CloseProxy("u.change"),
                new CloseProxy("u.add"));
    }

    @Test
    void aHealthCheckedProxyWaitsForItsFirstPassAndIsWithdrawnWhileItFails() throws Exception {
        ServerSocket service = new ServerSocket();
        service.setReuseAddress(true);
        service.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = service.getLocalPort();
        ProxyConfig checked = ProxyBuilder.tcp("svc", "127.0.0.1", port, 6100)
                .healthCheck(new HealthCheck("tcp", 1, 1, 1, "", List.of())).build();
        manager.connected(control);
        manager.update(List.of(checked), Set.of());

        assertThat(next()).as("asked for once the first check passed").isInstanceOf(NewProxy.class);
        manager.onNewProxyResp(new NewProxyResp("u.svc", ":6100", ""));
        assertThat(phase("svc")).isEqualTo(ProxyPhase.RUNNING);

        service.close();
        assertThat(next()).isEqualTo(new CloseProxy("u.svc"));
        assertThat(phase("svc")).isEqualTo(ProxyPhase.CHECK_FAILED);
        assertThat(manager.proxy("u.svc")).isNull();

        try (ServerSocket back = rebind(port)) {
            assertThat(next()).isEqualTo(ProxyMessages.toNewProxy(checked, "u"));
            assertThat(phase("svc")).isEqualTo(ProxyPhase.WAIT_START);
        }
    }

    private static ServerSocket rebind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }
}
