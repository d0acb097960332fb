package io.jfrp.server.vhost.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ClientWrites}: writes without promises where nothing waits, and a close that waits for all of them. */
class ClientWritesTest {
    /** Holds every write with its promise: the test decides when a write is out. */
    private static final class Held extends ChannelOutboundHandlerAdapter {
        final List<Object> msgs = new ArrayList<>();
        final List<ChannelPromise> promises = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            msgs.add(msg);
            promises.add(promise);
        }
    }

    private final Held held = new Held();
    private ChannelHandlerContext ctx;
    private final EmbeddedChannel ch = new EmbeddedChannel(held, new ChannelInboundHandlerAdapter() {
        @Override
        public void handlerAdded(ChannelHandlerContext c) {
            ctx = c;
        }
    });

    private static DefaultHttpResponse head() {
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    }

    @Test
    void aKeptAliveResponseGoesWithoutPromisesAndALaterCloseWaitsBehindIt() {
        ClientWrites writes = new ClientWrites(ctx, false);
        writes.write(head(), false);
        writes.write(LastHttpContent.EMPTY_LAST_CONTENT, false);
        assertThat(held.promises).allMatch(ChannelPromise::isVoid);

        writes.closeAfterLast(); // e.g. the client half-closed after its response
        assertThat(held.msgs).hasSize(3).last().isSameAs(Unpooled.EMPTY_BUFFER);
        ChannelPromise marker = held.promises.get(2);
        assertThat(marker.isVoid()).isFalse();
        assertThat(ch.isOpen()).as("open until the writes before the marker are out").isTrue();
        marker.setSuccess();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void theEndOfAResponseBeforeACloseKeepsItsPromiseAndTheCloseWaitsForIt() {
        ClientWrites writes = new ClientWrites(ctx, false);
        writes.write(head(), true);
        writes.write(LastHttpContent.EMPTY_LAST_CONTENT, true);
        assertThat(held.promises.get(0).isVoid()).isTrue();
        assertThat(held.promises.get(1).isVoid()).isFalse();

        writes.closeAfterLast();
        assertThat(held.msgs).as("no marker needed").hasSize(2);
        assertThat(ch.isOpen()).isTrue();
        held.promises.get(1).setSuccess();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void onAnHttp2StreamEachResponseEndHasItsPromiseAndNoMarkerIsWritten() {
        ClientWrites writes = new ClientWrites(ctx, true);
        writes.write(head(), false);
        writes.write(LastHttpContent.EMPTY_LAST_CONTENT, false);
        assertThat(held.promises.get(1).isVoid()).isFalse();
        writes.closeAfterLast();
        assertThat(held.msgs).hasSize(2);
        held.promises.get(1).setSuccess();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void closingWithNothingWrittenOnAStreamClosesAtOnce() {
        new ClientWrites(ctx, true).closeAfterLast();
        assertThat(ch.isOpen()).isFalse();
    }
}
