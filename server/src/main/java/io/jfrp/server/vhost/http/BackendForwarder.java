package io.jfrp.server.vhost.http;

import io.jfrp.protocol.relay.Relay;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * The last handler of a backend work connection (after {@link BackendHttpCodec}): hands what the
 * service sends over to the {@link HttpExchangeHandler} (its {@link BackendResponses}) on the public
 * connection's event loop, in order. The public connection moves to the work connection's loop
 * where it can ({@link io.jfrp.protocol.transport.LoopMove}), and the task then costs no wake-up of another thread; where it
 * cannot (an HTTP/2 stream, a loop of another group) keeping all exchange state on the public
 * side's loop means nothing there is shared.
 * What one read of the work connection decodes (a response head, its body parts, its end) goes over
 * as one task at the read's end, not one task (and wake-up of the public loop) per part.
 *
 * <p>On {@code 101 Switching Protocols} (or a 2xx answer to CONNECT) it takes the work connection
 * out of HTTP at once, while
 * still on its loop (before more bytes are decoded as HTTP): the codec and this handler leave and
 * what follows is held for the {@link Relay}.
 */
final class BackendForwarder extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(BackendForwarder.class);

    private final Backend backend;
    private final HttpExchangeHandler owner;
    /** The owner's response side, where the decoded parts go. */
    private final BackendResponses responses;
    private boolean switching;
    /** Decoded since the last hand-over (work connection's loop). */
    private List<Object> batch = new ArrayList<>(4);

    BackendForwarder(Backend backend, HttpExchangeHandler owner) {
        this.backend = backend;
        this.owner = owner;
        this.responses = owner.responses();
    }

    /**
     * Makes {@code work} a backend connection speaking HTTP/1.1 for {@code owner}: the client codec
     * (with the same room for the service's headers as the client's: big Set-Cookie headers) and
     * this forwarder.
     */
    static void install(Channel work, Backend backend, HttpExchangeHandler owner) {
        work.pipeline().addLast("http-client", new BackendHttpCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(HttpPublicInitializer.MAX_INITIAL_LINE)
                .setMaxHeaderSize(HttpPublicInitializer.MAX_HEADER_SIZE), backend));
        work.pipeline().addLast("http-backend", new BackendForwarder(backend, owner));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse res && (res.status().code() == 101
                || backend.connectSent && res.status().codeClass() == HttpStatusClass.SUCCESS)) {
            switching = true; // after this response the bytes are no longer HTTP
        }
        boolean last = msg instanceof LastHttpContent;
        batch.add(msg);
        if (switching && last) {
            handOver(false);
            Relay.holdUntilJoined(ctx.channel());
            ctx.pipeline().remove(this);
            ctx.pipeline().remove(BackendHttpCodec.class); // what it had buffered goes to the hold
            post(() -> owner.onBackendUpgraded(backend));
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        handOver(true);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        handOver(false);
        post(() -> owner.onBackendWritabilityChanged(backend));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handOver(false);
        post(() -> owner.onBackendClosed(backend));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            // The service hung up (its FIN reaches us through the client as a half-close). After
            // the codec has delivered what came before it, the connection is of no further use:
            // closing it tells the exchange, which answers the 404 page if no response came.
            ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("http proxy [{}]: work connection failed", backend.proxy.name(), cause);
        ctx.close();
    }

    /**
     * Posts what was decoded since the last hand-over to the exchange, in order, in one task;
     * {@code readComplete} adds the end of the read (the exchange flushes toward the client then).
     */
    private void handOver(boolean readComplete) {
        if (batch.isEmpty()) {
            if (readComplete) {
                post(() -> responses.onReadComplete(backend));
            }
            return;
        }
        List<Object> messages = batch;
        batch = new ArrayList<>(4);
        boolean posted = post(() -> {
            for (int i = 0; i < messages.size(); i++) { // indexed: no iterator per read under C1
                responses.onMessage(backend, messages.get(i));
            }
            if (readComplete) {
                responses.onReadComplete(backend);
            }
        });
        if (!posted) {
            messages.forEach(ReferenceCountUtil::release);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        batch.forEach(ReferenceCountUtil::release); // the connection is gone before the read ended
        batch.clear();
    }

    private boolean post(Runnable task) {
        try {
            owner.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // the server is shutting down
        }
    }
}
