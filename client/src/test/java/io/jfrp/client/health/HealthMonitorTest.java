package io.jfrp.client.health;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.jfrp.config.model.proxy.HealthCheck;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health checks: the probes against real local services (a port that accepts or refuses, an HTTP
 * service answering 200, 500 or nothing), and the monitor's state machine driven by a scripted probe.
 */
class HealthMonitorTest {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean passes(HealthProbe probe, EventLoop on) throws Exception {
        Future<Void> f = probe.check(on).await();
        return f.isSuccess();
    }

    @Test
    void tcpPassesWhenThePortAcceptsAndFailsWhenItRefuses() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(passes(new TcpProbe(NioSocketChannel.class, "127.0.0.1", s.getLocalPort(), Duration.ofSeconds(2)),
                    group.next())).isTrue();
        }
        assertThat(passes(new TcpProbe(NioSocketChannel.class, "127.0.0.1", closedPort(), Duration.ofSeconds(2)),
                group.next())).isFalse();
    }

    @Test
    void httpPassesOn2xxOnlyWithinTheTimeoutAndSendsTheHeaders() throws Exception {
        List<String> hosts = new CopyOnWriteArrayList<>();
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        web.createContext("/ok", ex -> {
            hosts.add(ex.getRequestHeaders().getFirst("Host") + " " + ex.getRequestHeaders().getFirst("X-Check"));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        web.createContext("/broken", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        web.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        web.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        web.start();
        try {
            int port = web.getAddress().getPort();
            List<HealthCheck.Header> headers = List.of(new HealthCheck.Header("Host", "svc.local"),
                    new HealthCheck.Header("X-Check", "yes"));
            assertThat(passes(new HttpProbe(NioSocketChannel.class, "127.0.0.1", port, "ok", headers,
                    Duration.ofSeconds(2)), group.next())).isTrue();
            assertThat(hosts).containsExactly("svc.local yes");
            assertThat(passes(new HttpProbe(NioSocketChannel.class, "127.0.0.1", port, "/broken", List.of(),
                    Duration.ofSeconds(2)), group.next())).isFalse();
            long start = System.nanoTime();
            assertThat(passes(new HttpProbe(NioSocketChannel.class, "127.0.0.1", port, "/slow", List.of(),
                    Duration.ofMillis(300)), group.next())).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(passes(new HttpProbe(NioSocketChannel.class, "127.0.0.1", closedPort(), "/ok", List.of(),
                    Duration.ofSeconds(2)), group.next())).isFalse();
        } finally {
            web.stop(0);
        }
    }

    /** Answers the checks from a script: true passes, false fails; then keeps passing. */
    private final class Scripted implements HealthProbe {
        final Deque<Boolean> script = new ArrayDeque<>();

        Scripted(Boolean... results) {
            script.addAll(List.of(results));
        }

        @Override
        public Future<Void> check(EventLoop on) {
            Boolean ok = script.poll();
            return ok == null || ok ? on.newSucceededFuture(null) : on.newFailedFuture(new IOException("down"));
        }
    }

    @Test
    void startsUnhealthyBecomesHealthyAtTheFirstPassAndFailsAfterMaxFailedInARow() {
        List<String> events = new CopyOnWriteArrayList<>();
        Scripted probe = new Scripted(false, false, true, false, true, false, false, true);
        HealthMonitor m = new HealthMonitor("svc", probe, Duration.ofMillis(5), 2, loop, new HealthMonitor.Listener() {
            @Override
            public Future<?> healthy() {
                events.add("healthy");
                return loop.newSucceededFuture(null);
            }

            @Override
            public Future<?> unhealthy() {
                events.add("unhealthy");
                return loop.newSucceededFuture(null);
            }
        });
        m.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.script.isEmpty() && events.size() == 3);
        m.stop();
        // fail, fail (not yet healthy: nothing), pass -> healthy, fail (1 < 2), pass (the count resets:
        // unlike frp), fail, fail (2 in a row) -> unhealthy, pass -> healthy.
        assertThat(events).containsExactly("healthy", "unhealthy", "healthy");
    }

    @Test
    void logsAStateLineOnlyOnceTheListenerHasActedOnIt() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(HealthMonitor.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            Promise<Void> told = loop.newPromise();
            List<String> events = new CopyOnWriteArrayList<>();
            HealthMonitor m = new HealthMonitor("svc", new Scripted(true), Duration.ofSeconds(60), 1, loop,
                    new HealthMonitor.Listener() {
                        @Override
                        public Future<?> healthy() {
                            events.add("healthy");
                            return told; // the NewProxy not written yet
                        }

                        @Override
                        public Future<?> unhealthy() {
                            return loop.newSucceededFuture(null);
                        }
                    });
            m.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("healthy"));
            assertThat(messages(lines)).doesNotContain("[svc] health check success");
            told.setSuccess(null);
            await().atMost(Duration.ofSeconds(5)).until(() -> messages(lines).contains("[svc] health check success"));
            m.stop();
        } finally {
            logger.detachAppender(lines);
        }
    }

    private static List<String> messages(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) { // AppenderBase appends under this lock
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
