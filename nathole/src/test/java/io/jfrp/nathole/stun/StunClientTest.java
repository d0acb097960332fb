package io.jfrp.nathole.stun;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Binding transactions against {@link LoopbackStunServer} over real UDP on 127.0.0.1. */
class StunClientTest {
    @RegisterExtension
    final StunLab lab = new StunLab();
    private DatagramChannel channel;

    @BeforeEach
    void setUp() throws Exception {
        channel = lab.sockets()
                .bind(new InetSocketAddress("127.0.0.1", 0), null, new ChannelInboundHandlerAdapter(), true)
                .sync().getNow();
    }

    @AfterEach
    void tearDown() throws Exception {
        channel.close().sync();
    }

    @Test
    void answerGivesTheMappedAndTheOtherAddress() throws Exception {
        StunMessage m = StunClient.binding(channel, lab.server().primaryAddress()).get(5, TimeUnit.SECONDS);
        assertThat(m.reflexiveAddress()).isEqualTo(channel.localAddress());
        assertThat(m.alternateAddress()).isEqualTo(lab.server().alternateAddress());
        assertThat(lab.server().requests).hasSize(1);
        assertThat(lab.server().requests.get(0)).hasSize(20);
        assertThat(channel.pipeline().names()).noneMatch(n -> n.contains("Transaction"));
    }

    @Test
    void lostRequestsAreSentAgainWithTheSameTransactionId() throws Exception {
        lab.server().dropFirst.set(2);
        StunMessage m = StunClient.binding(channel, lab.server().primaryAddress()).get(5, TimeUnit.SECONDS);
        assertThat(m.reflexiveAddress()).isEqualTo(channel.localAddress());
        assertThat(lab.server().requests).hasSize(3);
        assertThat(lab.server().requests.get(1)).isEqualTo(lab.server().requests.get(0));
        assertThat(lab.server().requests.get(2)).isEqualTo(lab.server().requests.get(0));
    }

    @Test
    void straysAndOtherTransactionsAreIgnored() throws Exception {
        lab.server().straysFirst = true;
        StunMessage m = StunClient.binding(channel, lab.server().primaryAddress()).get(5, TimeUnit.SECONDS);
        assertThat(m.reflexiveAddress().getPort()).isEqualTo(((InetSocketAddress) channel.localAddress()).getPort());
    }

    @Test
    void errorResponseFailsWithTheCode() {
        lab.server().answer = LoopbackStunServer.Answer.ERROR_420;
        assertThatThrownBy(() -> StunClient.binding(channel, lab.server().primaryAddress()).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(StunException.class)
                .hasMessageContaining("answered with error 420 Unknown");
    }

    @Test
    void malformedAnswerFailsSayingWhy() {
        lab.server().answer = LoopbackStunServer.Answer.MALFORMED;
        assertThatThrownBy(() -> StunClient.binding(channel, lab.server().primaryAddress()).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(StunException.class)
                .hasMessageContaining("malformed answer from STUN server")
                .hasMessageContaining("MAPPED-ADDRESS has unknown address family 0x09");
    }

    @Test
    void silenceTimesOutWithTheRequestsCounted() {
        lab.server().answer = LoopbackStunServer.Answer.NOTHING;
        long start = System.nanoTime();
        assertThatThrownBy(() -> StunClient.binding(channel, lab.server().primaryAddress(), Duration.ofMillis(700))
                .get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(StunException.class)
                .hasMessageContaining("no answer from STUN server " + lab.server().primaryAddress() + " within 700 ms"
                        + " (2 request(s) sent)");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(700));
        assertThat(channel.pipeline().names()).noneMatch(n -> n.contains("Transaction"));
    }

    @Test
    void aClosedSocketFailsAtOnce() throws Exception {
        channel.close().sync();
        assertThatThrownBy(() -> StunClient.binding(channel, lab.server().primaryAddress()).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(StunException.class).hasMessageContaining("the socket is closed");
    }
}
