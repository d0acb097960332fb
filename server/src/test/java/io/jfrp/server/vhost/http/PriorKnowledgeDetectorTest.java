package io.jfrp.server.vhost.http;

import io.jfrp.testkit.EmbeddedChannels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2CodecUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PriorKnowledgeDetector}: HTTP/1.1 keeps its handlers and nothing else (no upgrade handler);
 * the HTTP/2 preface replaces them; either way the detector leaves and every byte flows on.
 */
class PriorKnowledgeDetectorTest {
    /** Stands for the HTTP/2 initializer: passes what it reads on to the channel's inbound queue. */
    private final ChannelInboundHandlerAdapter http2 = new ChannelInboundHandlerAdapter();
    @RegisterExtension
    final EmbeddedChannels channels = new EmbeddedChannels();
    private EmbeddedChannel ch;

    /** The detector, then two HTTP/1.1 handlers of the names it is told to replace. */
    private void pipeline() {
        ch = channels.of();
        ch.pipeline().addLast("detect", new PriorKnowledgeDetector(List.of("http1", "exchange"), http2));
        ch.pipeline().addLast("http1", new ChannelInboundHandlerAdapter());
        ch.pipeline().addLast("exchange", new ChannelInboundHandlerAdapter());
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private String readAll() {
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readInbound()) != null) {
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString();
    }

    @Test
    void anHttp11RequestKeepsItsHandlersAndReachesThemWhole() {
        pipeline();
        ch.writeInbound(ascii("GE"));
        assertThat(ch.pipeline().get("detect")).as("G is no start of PRI").isNull();
        ch.writeInbound(ascii("T / HTTP/1.1\r\n\r\n"));
        assertThat(ch.pipeline().names()).contains("http1", "exchange").doesNotContain("detect");
        assertThat(readAll()).isEqualTo("GET / HTTP/1.1\r\n\r\n");
    }

    @Test
    void theHttp2PrefaceInPiecesReplacesTheHttp11Handlers() {
        pipeline();
        ByteBuf preface = Http2CodecUtil.connectionPrefaceBuf();
        String text = preface.toString(StandardCharsets.ISO_8859_1);
        preface.release();
        ch.writeInbound(ascii(text.substring(0, 10)));
        assertThat(ch.pipeline().get("detect")).as("a start of the preface: waits").isNotNull();
        assertThat(ch.pipeline().get("http1")).isNotNull();
        ch.writeInbound(ascii(text.substring(10) + "frames"));
        assertThat(ch.pipeline().get("detect")).isNull();
        assertThat(ch.pipeline().get("http1")).isNull();
        assertThat(ch.pipeline().get("exchange")).isNull();
        assertThat(ch.pipeline().toMap().containsValue(http2)).isTrue();
        assertThat(readAll()).as("the HTTP/2 handlers get every byte").isEqualTo(text + "frames");
    }

    @Test
    void aRequestLineThatStartsLikeThePrefaceButIsNotStaysHttp11() {
        pipeline();
        ch.writeInbound(ascii("PRI /x HTTP/1.1\r\n\r\n"));
        assertThat(ch.pipeline().names()).contains("http1", "exchange").doesNotContain("detect");
        assertThat(readAll()).isEqualTo("PRI /x HTTP/1.1\r\n\r\n");
    }
}
