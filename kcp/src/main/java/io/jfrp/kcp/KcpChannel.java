package io.jfrp.kcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AbstractChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One KCP session as a Netty {@link DuplexChannel}: bytes written to it are KCP's reliable
 * ordered stream to the peer, bytes read from it are the peer's, so TLS ({@code SslHandler}) and
 * yamux go on top exactly as on a TCP socket channel. Made by {@link KcpServer} (a child of its
 * UDP listener) or {@link KcpClient}; never registered by the application.
 *
 * <h3>Lifecycle</h3>
 * Active from creation: KCP has no handshake, and neither has kcp-go. It closes when the
 * application closes it, when its UDP channel closes, or when no packet arrived for
 * {@link KcpConfig#idleTimeout()} (KCP has no keepalive; the peer's yamux pings keep a live
 * session busy). Close flushes once (acks and anything due) and drops unacknowledged data, as
 * kcp-go's Close does; the peer is not told (KCP has no FIN).
 *
 * <h3>Half-close</h3>
 * KCP cannot signal it, so both halves are local: {@link #shutdownOutput()} makes further writes
 * fail (data already inside KCP keeps being delivered while the channel stays open) and
 * {@link #shutdownInput()} discards further incoming data (still acknowledged, so the peer is
 * not stalled). {@link #awaitSent()} completes once everything written has been acknowledged.
 *
 * <h3>Flow control</h3>
 * A write enters KCP only while fewer than min(send window, peer's window) segments wait for an
 * ack (kcp-go's Write blocks there); the rest stays in the channel's outbound buffer, whose
 * water marks drive {@link #isWritable()}. Received data leaves KCP only when the pipeline reads
 * (auto-read or {@code read()}), so an application that stops reading shrinks the window the
 * peer sees to zero.
 *
 * <h3>Threading</h3>
 * Runs on its UDP channel's event loop, which is the only one it accepts; all state below belongs
 * to that loop.
 */
public final class KcpChannel extends AbstractChannel implements DuplexChannel {
    private static final InternalLogger LOG = InternalLoggerFactory.getInstance(KcpChannel.class);
    private static final ChannelMetadata METADATA = new ChannelMetadata(false, 16);
    /** Largest buffer handed to channelRead. */
    private static final int READ_CHUNK = 64 * 1024;

    private final ChannelConfig config = new DefaultChannelConfig(this);
    private final Channel udp;
    private final InetSocketAddress remote;
    private final KcpConfig kcpConfig;
    private final KcpConnection connection;
    private final Runnable onClose;
    /** Scratch copy of an incoming UDP payload. */
    private final byte[] packetScratch = new byte[KcpConfig.MTU_LIMIT];

    private boolean open = true;
    private boolean readPending;
    private boolean inputShutdown;
    private boolean outputShutdown;
    /** Packets handed to the UDP channel since its last flush. */
    private boolean udpDirty;
    private ScheduledFuture<?> timer;
    private int lastReceive;
    private ChannelPromise sentPromise;

    KcpChannel(Channel parent, Channel udp, InetSocketAddress remote, int conv, KcpConfig kcpConfig,
               Runnable onClose) {
        super(parent);
        this.udp = udp;
        this.remote = remote;
        this.kcpConfig = kcpConfig;
        this.onClose = onClose;
        this.connection = new KcpConnection(conv, kcpConfig, this::writePacket);
        this.lastReceive = KcpClock.nowMs();
    }

    // ---------------------------------------------------------------------------- public API

    /** The conversation id both ends share. */
    public int conv() {
        return connection.engine().conv();
    }

    /** The settings this session runs with. */
    public KcpConfig kcpConfig() {
        return kcpConfig;
    }

    /** The UDP channel carrying this session (shared by all sessions of a {@link KcpServer}). */
    public Channel datagramChannel() {
        return udp;
    }

    /** Current retransmission timeout (ms). Event loop only. */
    public int rto() {
        assert eventLoop().inEventLoop();
        return connection.engine().rto();
    }

    /** Smoothed RTT (ms). Event loop only. */
    public int srtt() {
        assert eventLoop().inEventLoop();
        return connection.engine().srtt();
    }

    /** Segments written and not yet acknowledged. Event loop only. */
    public int waitSnd() {
        assert eventLoop().inEventLoop();
        return connection.engine().waitSnd();
    }

    /** Data shards rebuilt by FEC so far. Event loop only. */
    public long fecRecoveredShards() {
        assert eventLoop().inEventLoop();
        return connection.recoveredShards();
    }

    /**
     * Completes when everything written so far has been handed to KCP and acknowledged by the peer
     * (fails if the channel closes first). The closest KCP comes to a delivered FIN.
     */
    public ChannelFuture awaitSent() {
        ChannelPromise promise = newPromise();
        eventLoop().execute(() -> {
            if (!open) {
                promise.tryFailure(new java.nio.channels.ClosedChannelException());
            } else if (sentPromise != null) {
                sentPromise.addListener(f -> {
                    if (f.isSuccess()) {
                        promise.trySuccess();
                    } else {
                        promise.tryFailure(f.cause());
                    }
                });
            } else {
                sentPromise = promise;
                checkSent();
            }
        });
        return promise;
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isActive() {
        return open;
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) super.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) super.remoteAddress();
    }

    @Override
    public boolean isInputShutdown() {
        return inputShutdown || !open;
    }

    @Override
    public ChannelFuture shutdownInput() {
        return shutdownInput(newPromise());
    }

    @Override
    public ChannelFuture shutdownInput(ChannelPromise promise) {
        onLoop(() -> {
            inputShutdown = true;
            promise.setSuccess();
        });
        return promise;
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown || !open;
    }

    @Override
    public ChannelFuture shutdownOutput() {
        return shutdownOutput(newPromise());
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        onLoop(() -> ((AbstractUnsafe) unsafe()).shutdownOutput(promise));
        return promise;
    }

    @Override
    public boolean isShutdown() {
        return isInputShutdown() && isOutputShutdown();
    }

    @Override
    public ChannelFuture shutdown() {
        return shutdown(newPromise());
    }

    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        ChannelPromise inputDone = newPromise();
        shutdownOutput().addListener(f -> shutdownInput(inputDone));
        inputDone.addListener(f -> promise.setSuccess());
        return promise;
    }

    /** Runs {@code action} on this channel's event loop: now when called there, else as a task. */
    private void onLoop(Runnable action) {
        EventLoop loop = eventLoop();
        if (loop.inEventLoop()) {
            action.run();
        } else {
            loop.execute(action);
        }
    }

    // ------------------------------------------------------------------- from the UDP side

    /** Starts the update timer; called once, right after registration. */
    void start() {
        assert eventLoop().inEventLoop();
        scheduleTick(connection.engine().interval());
    }

    /** One UDP payload from the peer. The caller keeps ownership of {@code content}. */
    void packetReceived(ByteBuf content) {
        assert eventLoop().inEventLoop();
        if (!open) {
            return;
        }
        int len = Math.min(content.readableBytes(), packetScratch.length);
        content.getBytes(content.readerIndex(), packetScratch, 0, len);
        int now = KcpClock.nowMs();
        lastReceive = now;
        connection.input(packetScratch, len, now);
        afterProtocolEvent();
        if (readPending && connection.engine().peekSize() > 0) {
            readPending = false;
            readNow();
        }
    }

    /** The UDP channel closed or failed: this session ends with it. */
    void datagramClosed() {
        if (open) {
            close();
        }
    }

    private void writePacket(byte[] buffer, int length) {
        ByteBuf buf = udp.alloc().directBuffer(length).writeBytes(buffer, 0, length);
        udp.write(new DatagramPacket(buf, remote), udp.voidPromise());
        udpDirty = true;
    }

    private void flushUdp() {
        if (udpDirty) {
            udpDirty = false;
            udp.flush();
        }
    }

    /** After input or a timer flush: pending writes may fit the window now; packets go out. */
    private void afterProtocolEvent() {
        ChannelOutboundBuffer out = unsafe().outboundBuffer();
        if (out != null && !out.isEmpty() && connection.engine().writable()) {
            unsafe().flush();
        }
        flushUdp();
        checkSent();
    }

    private void checkSent() {
        if (sentPromise != null && connection.engine().waitSnd() == 0) {
            ChannelOutboundBuffer out = unsafe().outboundBuffer();
            if (out == null || out.isEmpty()) {
                ChannelPromise p = sentPromise;
                sentPromise = null;
                p.trySuccess();
            }
        }
    }

    private void scheduleTick(int delayMs) {
        timer = eventLoop().schedule(this::tick, delayMs, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        timer = null;
        if (!open) {
            return;
        }
        int now = KcpClock.nowMs();
        long idleMs = kcpConfig.idleTimeout().toMillis();
        int idle = now - lastReceive;
        if (idleMs > 0 && idle > idleMs) {
            LOG.debug("KCP session {} (conv {}) closed: no packet for {} ms", remote, conv(), idle);
            close();
            return;
        }
        int next = connection.engine().flush(false, now);
        afterProtocolEvent();
        scheduleTick(Math.max(1, next));
    }

    private void readNow() {
        ByteBufAllocator alloc = config.getAllocator();
        ChannelPipeline pipeline = pipeline();
        KcpEngine engine = connection.engine();
        ByteBuf chunk = null;
        int peek;
        while ((peek = engine.peekSize()) > 0) {
            if (chunk != null && chunk.maxWritableBytes() < peek) {
                fire(pipeline, chunk);
                chunk = null;
            }
            if (chunk == null) {
                // sized for this message, growing up to READ_CHUNK while more are queued
                chunk = alloc.buffer(peek, Math.max(peek, READ_CHUNK));
            }
            chunk.ensureWritable(peek);
            engine.recv(chunk);
        }
        if (chunk != null) {
            fire(pipeline, chunk);
        }
        pipeline.fireChannelReadComplete();
        // Reading may have reopened a full window: tell the peer without waiting for the timer.
        flushUdp();
    }

    private void fire(ChannelPipeline pipeline, ByteBuf chunk) {
        if (inputShutdown) {
            chunk.release();
        } else {
            pipeline.fireChannelRead(chunk);
        }
    }

    // ------------------------------------------------------------------------ AbstractChannel

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new KcpUnsafe();
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return loop == udp.eventLoop();
    }

    @Override
    protected SocketAddress localAddress0() {
        return udp.localAddress();
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return remote;
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("a KCP session is bound through its UDP channel");
    }

    @Override
    protected void doDisconnect() {
        doClose();
    }

    @Override
    protected void doClose() {
        if (!open) {
            return;
        }
        open = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        // kcp-go's Close: one last flush of acks and anything due, then drop what is unsent.
        connection.engine().flush(false, KcpClock.nowMs());
        connection.engine().releaseTx();
        flushUdp();
        if (sentPromise != null) {
            sentPromise.tryFailure(new java.nio.channels.ClosedChannelException());
            sentPromise = null;
        }
        onClose.run();
    }

    @Override
    protected void doShutdownOutput() {
        outputShutdown = true;
    }

    @Override
    protected void doBeginRead() {
        if (!open) {
            return;
        }
        if (connection.engine().peekSize() > 0) {
            readNow();
        } else {
            readPending = true;
        }
    }

    @Override
    protected Object filterOutboundMessage(Object msg) {
        if (msg instanceof ByteBuf) {
            return msg;
        }
        throw new UnsupportedOperationException("KcpChannel writes ByteBuf only, got "
                + (msg == null ? "null" : msg.getClass().getName()));
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        KcpEngine engine = connection.engine();
        boolean moved = false;
        for (;;) {
            Object msg = in.current();
            if (msg == null) {
                break;
            }
            ByteBuf buf = (ByteBuf) msg;
            if (!buf.isReadable()) {
                in.remove();
                continue;
            }
            if (!engine.writable()) {
                break;
            }
            int n = Math.min(buf.readableBytes(), engine.mss());
            engine.send(buf, n);
            in.progress(n);
            moved = true;
            if (!buf.isReadable()) {
                in.remove();
            }
        }
        if (moved && (!kcpConfig.writeDelay() || !engine.writable())) {
            engine.flush(false, KcpClock.nowMs());
            flushUdp();
        }
        checkSent();
    }

    private final class KcpUnsafe extends AbstractUnsafe {
        @Override
        public void connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
            promise.setFailure(new UnsupportedOperationException("a KCP session is made by KcpClient or KcpServer"));
        }
    }

    @Override
    public String toString() {
        return "KcpChannel[conv=" + Integer.toUnsignedString(conv()) + ", " + udp.localAddress() + " -> " + remote
                + "]";
    }
}
