package io.jfrp.server.proxy.tcp;

import io.jfrp.server.proxy.ProxyRefusal;
import io.jfrp.testkit.FreePorts;
import io.jfrp.testkit.TestEventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@link TcpGroups} on real sockets: one listener per group, round-robin, members leaving. */
class TcpGroupsTest {
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(2);
    private final List<Channel> open = new CopyOnWriteArrayList<>();
    private final List<Channel> closedListeners = new CopyOnWriteArrayList<>();
    private final TcpGroups groups = new TcpGroups(new GroupListeners() {
        @Override
        public Future<Channel> listen(int port, ChannelHandler childHandler) {
            var promise = LOOPS.group().next().<Channel>newPromise();
            new ServerBootstrap().group(LOOPS.group()).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childHandler(childHandler)
                    .bind(new InetSocketAddress("127.0.0.1", port)).addListener(f -> {
                        if (f.isSuccess()) {
                            promise.setSuccess(((ChannelFuture) f).channel());
                        } else {
                            promise.setFailure(new IllegalStateException("port " + port + " is unavailable"));
                        }
                    });
            return promise;
        }

        @Override
        public void close(Channel listener) {
            closedListeners.add(listener);
            listener.close().syncUninterruptibly();
        }
    });

    /** A member that records which connections it was given, and closes them. */
    private final class Member implements TcpGroupMember {
        final String name;
        final List<Integer> served = new CopyOnWriteArrayList<>();

        Member(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void serve(Channel connection) {
            served.add(((InetSocketAddress) connection.remoteAddress()).getPort());
            open.add(connection);
            connection.close();
        }
    }

    @AfterEach
    void closeAll() {
        open.forEach(Channel::close);
    }

    private int join(String group, String key, int port, Member m) {
        return groups.join(group, key, port, m, LOOPS.group().next()).syncUninterruptibly().getNow();
    }

    private static int freePort() throws IOException {
        return FreePorts.next();
    }

    private static void connect(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getInputStream().read(); // until the member closes it: the hand-over happened
        }
    }

    @Test
    void membersShareOnePortInTurn() throws IOException {
        int port = freePort();
        Member a = new Member("a");
        Member b = new Member("b");
        assertThat(join("web", "k", port, a)).isEqualTo(port);
        assertThat(join("web", "k", port, b)).isEqualTo(port);

        for (int i = 0; i < 6; i++) {
            connect(port);
        }

        assertThat(a.served).hasSize(3);
        assertThat(b.served).hasSize(3);
        assertThat(groups.memberCount("web")).isEqualTo(2);
    }

    @Test
    void aWrongKeyOrAnotherPortIsRefusedWithTheReason() throws IOException {
        int port = freePort();
        join("db", "secret", port, new Member("a"));

        Future<Integer> wrongKey = groups.join("db", "guess", port, new Member("b"), LOOPS.group().next()).awaitUninterruptibly();
        // frps's texts for the client (server/group), jfrps's detail for its log
        assertThat(wrongKey.cause()).hasMessage("group auth failed").isInstanceOfSatisfying(ProxyRefusal.class,
                e -> assertThat(e.detail()).contains("group [db]").contains("groupKey"));

        // a wrong key and another port: frps checks the port first
        Future<Integer> otherPort = groups.join("db", "guess", port + 1, new Member("c"), LOOPS.group().next())
                .awaitUninterruptibly();
        assertThat(otherPort.cause()).hasMessage("group should have same remote port")
                .isInstanceOfSatisfying(ProxyRefusal.class, e -> assertThat(e.detail())
                        .contains("remotePort " + port).contains("asks for " + (port + 1)));
        assertThat(groups.memberCount("db")).isEqualTo(1);
    }

    @Test
    void aMemberLeavingTakesOnlyItselfOutAndTheLastClosesThePort() throws IOException {
        int port = freePort();
        Member a = new Member("a");
        Member b = new Member("b");
        join("ssh", "", port, a);
        join("ssh", "", port, b);

        groups.leave("ssh", a);
        for (int i = 0; i < 4; i++) {
            connect(port);
        }
        assertThat(a.served).isEmpty();
        assertThat(b.served).hasSize(4);

        groups.leave("ssh", b);
        assertThat(closedListeners).hasSize(1);
        assertThat(groups.memberCount("ssh")).isZero();
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() ->
                assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class));

        // The name and the port are free for a new group, with another key.
        Member c = new Member("c");
        assertThat(join("ssh", "new-key", port, c)).isEqualTo(port);
        connect(port);
        assertThat(c.served).hasSize(1);
        groups.leave("ssh", c);
    }

    @Test
    void aFailedBindFailsTheJoinAndLeavesNoGroup() throws IOException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<Integer> f = groups.join("x", "", taken.getLocalPort(), new Member("a"), LOOPS.group().next())
                    .awaitUninterruptibly();
            assertThat(f.cause()).hasMessageContaining("unavailable");
        }
        assertThat(groups.memberCount("x")).isZero();
    }
}
