package io.jfrp.nathole.stun;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs one STUN Binding transaction on an existing UDP channel: sends a Binding request to a server
 * and completes with the server's decoded success response.
 *
 * <h3>Timing</h3>
 * frp waits 3 s for each request ({@link #RESPONSE_TIMEOUT}) and sends it once. We keep the 3 s
 * but retransmit the same request (same transaction id) at 500 ms and 1500 ms, RFC 5389's
 * schedule (section 7.2.1) cut to frp's deadline: one lost datagram no longer costs the whole
 * discovery, and nothing a server or a NAT sees is different from a single request's retries.
 *
 * <h3>What counts as the answer</h3>
 * Datagrams whose header does not carry this transaction's id are dropped (strays, stale answers,
 * noise). One that does is decoded strictly ({@link StunCodec}); a malformed one, an error response
 * or another message type fails the transaction with a {@link StunException} naming the server and
 * the problem.
 *
 * <h3>Threading</h3>
 * The transaction runs on the channel's event loop with a handler it adds to the pipeline and
 * removes when done. The caller must keep the channel reading ({@code autoRead}) meanwhile and run
 * one transaction at a time per channel. The returned future may be cancelled.
 */
public final class StunClient {
    /** frp's {@code responseTimeout}: how long one Binding request may take. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(3);
    /** When the request is (re)sent, in milliseconds after the start; RFC 5389's RTO 500 ms doubling. */
    private static final long[] SEND_AT_MS = {0, 500, 1500};
    private static final Logger log = LoggerFactory.getLogger(StunClient.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private StunClient() {
    }

    /** One Binding transaction with frp's 3 s deadline. */
    public static Future<StunMessage> binding(DatagramChannel channel, InetSocketAddress server) {
        return binding(channel, server, RESPONSE_TIMEOUT);
    }

    /**
     * One Binding transaction.
     *
     * @param channel a registered, bound UDP channel that is reading
     * @param server  the resolved server address
     * @param timeout how long to wait for the answer
     */
    public static Future<StunMessage> binding(DatagramChannel channel, InetSocketAddress server, Duration timeout) {
        Objects.requireNonNull(server, "server");
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("STUN server address must be resolved: " + server);
        }
        byte[] tid = new byte[StunCodec.TRANSACTION_ID_LENGTH];
        RANDOM.nextBytes(tid);
        Promise<StunMessage> promise = channel.eventLoop().newPromise();
        Transaction transaction = new Transaction(server, tid, timeout.toMillis(), promise);
        channel.eventLoop().execute(() -> transaction.start(channel));
        return promise;
    }

    /** The handler of one transaction; event-loop confined. */
    private static final class Transaction extends SimpleChannelInboundHandler<DatagramPacket> {
        private final InetSocketAddress server;
        private final byte[] tid;
        private final long timeoutMs;
        private final Promise<StunMessage> promise;
        /** The resends and the deadline, cancelled when the transaction ends. */
        private final List<ScheduledFuture<?>> timers = new ArrayList<>();
        private ChannelHandlerContext ctx;
        private int sent;

        Transaction(InetSocketAddress server, byte[] tid, long timeoutMs, Promise<StunMessage> promise) {
            this.server = server;
            this.tid = tid;
            this.timeoutMs = timeoutMs;
            this.promise = promise;
        }

        void start(DatagramChannel channel) {
            if (promise.isDone()) {
                return;
            }
            if (!channel.isActive()) {
                promise.tryFailure(new StunException("STUN request to " + server + ": the socket is closed"));
                return;
            }
            channel.pipeline().addLast(this);
            // Cancellation by the caller; our own outcomes clean up first (see succeed and fail).
            promise.addListener(f -> finish());
            channel.closeFuture().addListener(f -> fail(
                    new StunException("STUN request to " + server + ": the socket was closed")));
            var loop = channel.eventLoop();
            send();
            for (int i = 1; i < SEND_AT_MS.length && SEND_AT_MS[i] < timeoutMs; i++) {
                timers.add(loop.schedule(this::send, SEND_AT_MS[i], TimeUnit.MILLISECONDS));
            }
            timers.add(loop.schedule(() -> fail(new StunException("no answer from STUN server " + server
                    + " within " + timeoutMs + " ms (" + sent + " request(s) sent)")), timeoutMs, TimeUnit.MILLISECONDS));
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        private void send() {
            if (promise.isDone()) {
                return;
            }
            sent++;
            ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(StunCodec.bindingRequest(tid)), server))
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            fail(new StunException("cannot send a STUN request to " + server + ": "
                                    + f.cause().getMessage(), f.cause()));
                        }
                    });
        }

        /** The packet is released after this returns (SimpleChannelInboundHandler). */
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            try {
                byte[] id = StunCodec.peekTransactionId(packet.content());
                if (id == null || !Arrays.equals(id, tid)) {
                    log.debug("STUN: dropped a {}-byte datagram from {} that does not answer transaction {}",
                            packet.content().readableBytes(), packet.sender(), HexFormat.of().formatHex(tid));
                    return;
                }
                answer(StunCodec.decode(packet.content()), packet.sender());
            } catch (StunFormatException e) {
                fail(new StunException("malformed answer from STUN server " + server + " (sent from "
                        + packet.sender() + "): " + e.getMessage(), e));
            }
        }

        private void answer(StunMessage message, InetSocketAddress from) {
            switch (message.type()) {
                case StunCodec.BINDING_SUCCESS -> {
                    finish();
                    promise.trySuccess(message);
                }
                case StunCodec.BINDING_ERROR -> fail(new StunException("STUN server " + server
                        + " answered with error " + message.errorCode() + " " + message.errorReason()));
                default -> fail(new StunException(String.format(
                        "STUN server %s (from %s) answered with message type 0x%04x, expected a Binding response",
                        server, from, message.type())));
            }
        }

        /** Cleans up, then fails: a caller that sees the outcome sees the pipeline as it was. */
        private void fail(StunException e) {
            finish();
            promise.tryFailure(e);
        }

        private void finish() {
            for (ScheduledFuture<?> timer : timers) {
                if (timer != null) {
                    timer.cancel(false);
                }
            }
            if (ctx != null && !ctx.isRemoved()) {
                ctx.pipeline().remove(this);
            }
        }
    }
}
