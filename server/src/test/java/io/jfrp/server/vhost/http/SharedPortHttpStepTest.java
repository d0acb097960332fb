package io.jfrp.server.vhost.http;

import io.jfrp.server.vhost.http.SharedPortHttpStep.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the first bytes of a bindPort connection make it when the http vhost shares bindPort: an
 * HTTP request line's method is the vhost's; frp's WebSocket transport, TLS, the v2 magic, yamux
 * and frp's v1 messages are not; a start of either waits; and bytes not taken pass on unchanged.
 */
class SharedPortHttpStepTest {
    private static Verdict classify(byte... bytes) {
        ByteBuf b = Unpooled.wrappedBuffer(bytes);
        try {
            Verdict v = SharedPortHttpStep.classify(b);
            assertThat(b.readerIndex()).as("nothing consumed").isZero();
            return v;
        } finally {
            b.release();
        }
    }

    private static Verdict classify(String ascii) {
        return classify(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void everyMethodAndTheH2cPrefaceAreHttp() {
        for (String m : List.of("GET ", "POST ", "PUT ", "DELETE ", "HEAD ", "OPTIONS ", "PATCH ", "CONNECT ",
                "TRACE ", "PRI ")) {
            assertThat(classify(m + "/ HTTP/1.1\r\n")).as(m).isEqualTo(Verdict.HTTP);
            // "GET " alone may still become frp's "GET /~!frp": it waits for more.
            assertThat(classify(m)).as(m).isEqualTo(m.equals("GET ") ? Verdict.WAIT : Verdict.HTTP);
        }
        assertThat(classify("GET /~!fr")).as("a start of frp's websocket path: wait").isEqualTo(Verdict.WAIT);
        assertThat(classify("GET /~!x HTTP/1.1")).as("not frp's path after all").isEqualTo(Verdict.HTTP);
        assertThat(classify("GET /index.html")).isEqualTo(Verdict.HTTP);
    }

    @Test
    void frpsOwnTransportsAreNot() {
        assertThat(classify("GET /~!frp HTTP/1.1\r\n")).as("frp's WebSocket").isEqualTo(Verdict.OTHER);
        assertThat(classify((byte) 0x16, (byte) 0x03, (byte) 0x01)).as("TLS").isEqualTo(Verdict.OTHER);
        assertThat(classify((byte) 0x17)).as("frp's TLS marker").isEqualTo(Verdict.OTHER);
        assertThat(classify((byte) 'F', (byte) 'R', (byte) 'P', (byte) 0, (byte) 2, (byte) '\r', (byte) '\n'))
                .as("v2 magic").isEqualTo(Verdict.OTHER);
        assertThat(classify((byte) 0, (byte) 1, (byte) 0, (byte) 1)).as("yamux").isEqualTo(Verdict.OTHER);
        assertThat(classify((byte) 'o', (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                (byte) 10)).as("v1 Login").isEqualTo(Verdict.OTHER);
        assertThat(classify("GE T")).isEqualTo(Verdict.OTHER);
        assertThat(classify("get / HTTP/1.1")).as("methods are case-sensitive").isEqualTo(Verdict.OTHER);
    }

    @Test
    void startsOfAMethodWait() {
        assertThat(classify("G")).isEqualTo(Verdict.WAIT);
        assertThat(classify("PO")).isEqualTo(Verdict.WAIT);
        assertThat(classify("OPTIONS")).isEqualTo(Verdict.WAIT);
        assertThat(classify("P")).isEqualTo(Verdict.WAIT);
    }

    @Test
    void bytesThatAreNotHttpPassOnUnchangedInTheirOrder() {
        List<String> seen = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new SharedPortHttpStep(null), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                ByteBuf b = (ByteBuf) msg;
                seen.add(b.toString(StandardCharsets.US_ASCII));
                b.release();
            }
        });
        ch.writeInbound(Unpooled.copiedBuffer("GET /~!", StandardCharsets.US_ASCII));
        assertThat(seen).as("held while it may still be HTTP").isEmpty();
        ch.writeInbound(Unpooled.copiedBuffer("frp HTTP/1.1\r\n", StandardCharsets.US_ASCII));
        ch.writeInbound(Unpooled.copiedBuffer("Host: x\r\n", StandardCharsets.US_ASCII));
        assertThat(String.join("", seen)).isEqualTo("GET /~!frp HTTP/1.1\r\nHost: x\r\n");
        assertThat(ch.pipeline().get(SharedPortHttpStep.class)).as("done: left the pipeline").isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }
}
