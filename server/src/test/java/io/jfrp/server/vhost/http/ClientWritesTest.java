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

    /** A response's head and end, as the handler writes them. */
    private static void respond(ClientWrites writes, boolean closing) {
        writes.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK), closing);
        writes.write(LastHttpContent.EMPTY_LAST_CONTENT, closing);
    }

    private void assertClosesOnceOut(ChannelPromise awaited) {
        assertThat(awaited.isVoid()).isFalse();
        assertThat(ch.isOpen()).as("open until that write is out").isTrue();
        awaited.setSuccess();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aKeptAliveResponseGoesWithoutPromisesAndALaterCloseWaitsBehindIt() {
        ClientWrites writes = new ClientWrites(ctx);
        respond(writes, false);
        assertThat(held.promises).allMatch(ChannelPromise::isVoid);
        writes.closeAfterLast(); // e.g. the client half-closed after its response
        assertThat(held.msgs).hasSize(3).last().isSameAs(Unpooled.EMPTY_BUFFER);
        assertClosesOnceOut(held.promises.get(2));
    }

    @Test
    void theEndOfAResponseBeforeACloseKeepsItsPromiseAndTheCloseWaitsForIt() {
        ClientWrites writes = new ClientWrites(ctx);
        respond(writes, true);
        assertThat(held.promises.get(0).isVoid()).as("the head").isTrue();
        writes.closeAfterLast();
        assertThat(held.msgs).as("no buffer behind it").hasSize(2);
        assertClosesOnceOut(held.promises.get(1));
    }

    @Test
    void aPromiseOfAnEarlierResponseIsNotWhatACloseWaitsFor() {
        ClientWrites writes = new ClientWrites(ctx);
        respond(writes, true);
        respond(writes, false);
        writes.closeAfterLast();
        assertThat(held.msgs).hasSize(5).last().isSameAs(Unpooled.EMPTY_BUFFER);
        held.promises.get(1).setSuccess();
        assertClosesOnceOut(held.promises.get(4));
    }
}
