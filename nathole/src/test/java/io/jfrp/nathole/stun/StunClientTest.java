package io.jfrp.nathole.stun;

import io.jfrp.nathole.punch.UdpSockets;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binding transactions against {@link LoopbackStunServer} over real UDP on 127.0.0.1. */
class StunClientTest {
    private UdpSockets sockets;
    private LoopbackStunServer server;
    private DatagramChannel channel;

    @BeforeEach
    void setUp() throws Exception {
        sockets = UdpSockets.create();
        server = new LoopbackStunServer();
        channel = sockets.bind(new InetSocketAddress("127.0.0.1", 0), null, new ChannelInboundHandlerAdapter(), true)
                .sync().getNow();
    }

    @AfterEach
    void tearDown() throws Exception {
        channel.close().sync();
        server.close();
        sockets.close();
    }

    @Test
    void answerGivesTheMappedAndTheOtherAddress() throws Exception {
        StunMessage m = StunClient.binding(channel, server.primaryAddress()).get(5, TimeUnit.SECONDS);
        assertThat(m.reflexiveAddress()).isEqualTo(channel.localAddress());
        assertThat(m.alternateAddress()).isEqualTo(server.alternateAddress());
        assertThat(server.requests).hasSize(1);
        assertThat(server.requests.get(0)).hasSize(20);
        assertThat(channel.pipeline().names()).noneMatch(n -> n.contains("Transaction"));
    }

    @Test
    void lostRequestsAreSentAgainWithTheSameTransactionId() throws Exception {
        server.dropFirst.set(2);
        StunMessage m = StunClient.binding(channel, server.primaryAddress()).get(5, TimeUnit.SECONDS);
        assertThat(m.reflexiveAddress()).isEqualTo(channel.localAddress());
        assertThat(server.requests).hasSize(3);
        assertThat(server.requests.get(1)).isEqualTo(server.requests.get(0));
        assertThat(server.requests.get(2)).isEqualTo(server.requests.get(0));
    }

    @Test
    void straysAndOtherTransactionsAreIgnored() throws Exception {
        server.straysFirst = true;
        StunMessage m = StunClient.binding(channel, server.primaryAddress()).get(5, TimeUnit.SECONDS);
        assertThat(m.reflexiveAddress().getPort()).isEqualTo(((InetSocketAddress) channel.localAddress()).getPort());
    }

    @Test
    void errorResponseFailsWithTheCode() {
        server.answer = LoopbackStunServer.Answer.ERROR_420;
        assertThatThrownBy(() -> StunClient.binding(channel, server.primaryAddress()).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(StunException.class)
                .hasMessageContaining("answered with error 420 Unknown");
    }

    @Test
    void malformedAnswerFailsSayingWhy() {
        server.answer = LoopbackStunServer.Answer.MALFORMED;
        assertThatThrownBy(() -> StunClient.binding(channel, server.primaryAddress()).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(StunException.class)
                .hasMessageContaining("malformed answer from STUN server")
                .hasMessageContaining("MAPPED-ADDRESS has unknown address family 0x09");
    }

    @Test
    void silenceTimesOutWithTheRequestsCounted() {
        server.answer = LoopbackStunServer.Answer.NOTHING;
        long start = System.nanoTime();
        assertThatThrownBy(() -> StunClient.binding(channel, server.primaryAddress(), Duration.ofMillis(700))
                .get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(StunException.class)
                .hasMessageContaining("no answer from STUN server " + server.primaryAddress() + " within 700 ms"
                        + " (2 request(s) sent)");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(700));
        assertThat(channel.pipeline().names()).noneMatch(n -> n.contains("Transaction"));
    }

    @Test
    void aClosedSocketFailsAtOnce() throws Exception {
        channel.close().sync();
        assertThatThrownBy(() -> StunClient.binding(channel, server.primaryAddress()).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(StunException.class).hasMessageContaining("the socket is closed");
    }
}
