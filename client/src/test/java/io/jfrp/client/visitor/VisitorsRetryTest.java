package io.jfrp.client.visitor;

import io.jfrp.client.visitor.stcp.StcpVisitor;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.config.model.visitor.VisitorType;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A visitor whose port cannot be bound when it starts is tried again, as frp's visitor manager does on
 * its 10-second check, until the port is free: it does not stay down for the rest of jfrpc's life.
 * A removed visitor is not tried again.
 */
class VisitorsRetryTest {
    private final MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final VisitorContext context = new VisitorContext("", loops, NioServerSocketChannel.class,
            NioDatagramChannel.class, 1500, () -> null);

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Visitors visitors(int port) {
        return new Visitors(List.of(VisitorBuilder.stcp("v", "ssh", "k", port).build()),
                Visitors.registry().add(VisitorType.STCP, StcpVisitor.FACTORY).build(), context, 200);
    }

    private static InetSocketAddress address(Visitors visitors) {
        return visitors.visitor("v").map(v -> ((ListeningVisitor) v).address()).orElse(null);
    }

    @Test
    void aVisitorWhosePortIsTakenListensOnceThePortIsFree() throws Exception {
        ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int port = other.getLocalPort();
        try (Visitors visitors = visitors(port)) {
            Visitor first = visitors.visitor("v").orElseThrow();
            visitors.start();
            // Tried and failed more than once while the port is held.
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> address(visitors) == null);
            assertThat(visitors.visitor("v")).as("each try is a visitor made afresh").isNotEqualTo(Optional.of(first));
            other.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> address(visitors) != null);
            assertThat(address(visitors).getPort()).isEqualTo(port);
        }
    }

    @Test
    void aRemovedVisitorIsNotTriedAgain() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Visitors visitors = visitors(other.getLocalPort())) {
            visitors.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> address(visitors) == null);
            visitors.update(List.of());
            other.close();
            Thread.sleep(600);
            assertThat(visitors.visitors()).isEmpty();
            try (ServerSocket again = new ServerSocket(other.getLocalPort(), 50, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).as("the port stayed free: no retry bound it").isEqualTo(other.getLocalPort());
            }
        }
    }
}
