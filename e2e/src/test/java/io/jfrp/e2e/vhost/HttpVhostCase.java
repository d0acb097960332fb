package io.jfrp.e2e.vhost;

import io.jfrp.config.model.VhostConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2eCase;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** What the http vhost tests share: an {@link HttpVhostFixture} per test, closed after it. */
abstract class HttpVhostCase extends E2eCase {
    /** The current test's fixture, once it made one. */
    HttpVhostFixture f;

    /** A fixture with the default vhost settings, closed after the test. */
    HttpVhostFixture fixture() throws Exception {
        return fixture(v -> v);
    }

    /** A one-thread NIO event loop group for a test's own client or service, shut down after the test. */
    EventLoopGroup eventLoopGroup() {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        closer.add(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
        return group;
    }

    /** Echo backends "a" and "b" behind http proxies for a.test and b.test, up on a default fixture. */
    TwoSites twoSites() throws Exception {
        f = fixture();
        HttpEchoBackend a = f.backend("a");
        HttpEchoBackend b = f.backend("b");
        f.clientUp(ProxyBuilder.http("a", "127.0.0.1", a.port(), "a.test").build(),
                ProxyBuilder.http("b", "127.0.0.1", b.port(), "b.test").build());
        return new TwoSites(a, b);
    }

    /** The backends of {@link #twoSites()}. */
    record TwoSites(HttpEchoBackend a, HttpEchoBackend b) {
    }

    /** A fixture whose vhost settings {@code vhost} changed, closed after the test. */
    HttpVhostFixture fixture(UnaryOperator<VhostConfig> vhost) throws Exception {
        return closer.add(new HttpVhostFixture(dir, vhost));
    }
}
