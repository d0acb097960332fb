package io.jfrp.server.ssh;

import io.jfrp.protocol.relay.ReadGate;
import io.jfrp.protocol.relay.Relay;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import org.apache.sshd.client.channel.AbstractClientChannel;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelAsyncOutputStream;
import org.apache.sshd.common.channel.LocalWindow;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.threads.ThreadUtils;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * A {@code forwarded-tcpip} channel the gateway opens to the SSH client for one user connection, as
 * frp's {@code openConn} does (connected and originator address both the forwarding the client asked
 * for), joined to the tunnel's work connection.
 *
 * <h3>Flow control</h3>
 * From the SSH client: data is written to the work connection, and the channel's window is given
 * back only when that write is done, so the client sends no faster than the work connection takes.
 * To the SSH client: one write at a time on the channel's asynchronous stream (MINA allows no more),
 * the work connection's reading paused while one is in flight ({@link ReadGate}, reason HANDLER).
 *
 * <h3>Half-close and close</h3>
 * EOF from the client shuts the work connection's output after the data before it; the work
 * connection's input end sends EOF after its data; either side closing closes the other, the
 * channel's close after an EOF only once the client's data has left the work connection.
 */
final class ForwardedChannel extends AbstractClientChannel {
    private final DuplexChannel work;
    private final String boundHost;
    private final int boundPort;

    ForwardedChannel(DuplexChannel work, String boundHost, int boundPort) {
        super("forwarded-tcpip");
        this.work = work;
        this.boundHost = boundHost;
        this.boundPort = boundPort;
        this.streaming = Streaming.Async;
    }

    @Override
    public synchronized OpenFuture open() throws IOException {
        if (isClosing()) {
            throw new IOException("the SSH session is closing");
        }
        openFuture = new DefaultOpenFuture(this.toString(), futureLock);
        Session session = getSession();
        LocalWindow window = getLocalWindow();
        Buffer buffer = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_OPEN, 64 + 2 * boundHost.length());
        buffer.putString(getChannelType());
        buffer.putUInt(getChannelId());
        buffer.putUInt(window.getSize());
        buffer.putUInt(window.getPacketSize());
        buffer.putString(boundHost); // address that was connected
        buffer.putUInt(boundPort);
        buffer.putString(boundHost); // originator, as frp sends it
        buffer.putUInt(boundPort);
        writePacket(buffer);
        return openFuture;
    }

    @Override
    protected void doOpen() {
        asyncIn = new ChannelAsyncOutputStream(this, SshConstants.SSH_MSG_CHANNEL_DATA);
    }

    /** Bytes from the SSH client: to the work connection; the window comes back once written. */
    @Override
    protected void doWriteData(byte[] data, int off, long len) {
        if (isClosing()) {
            return;
        }
        ByteBuf bytes = Unpooled.copiedBuffer(data, off, (int) len);
        work.writeAndFlush(bytes).addListener(f -> {
            if (f.isSuccess()) {
                LocalWindow window = getLocalWindow();
                if (window.isOpen()) {
                    window.release(len);
                }
            } else {
                close(false);
            }
        });
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
        throw new IOException("forwarded-tcpip carries no extended data");
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        work.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (work.isActive()) {
                work.shutdownOutput();
            }
        });
    }

    /** Starts the work connection's side once the channel is open (on the work connection's loop). */
    void join() {
        work.pipeline().addLast("ssh-channel", new ToChannel());
        addCloseFutureListener(f -> closeWork());
        Relay.releaseHold(work);
    }

    /**
     * The channel has closed. After the client's EOF the end is graceful: the work connection closes
     * once every byte the client sent has left it (closing a yamux stream with bytes still unsent is
     * abortive, a reset that would cut the user's answer short); else it closes at once.
     */
    private void closeWork() {
        if (isEofSignalled()) {
            work.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> work.close());
        } else {
            work.close();
        }
    }

    /** Reads the work connection into the channel, one write at a time. */
    private final class ToChannel extends ChannelInboundHandlerAdapter {
        private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
        private boolean writing;
        private boolean inputEnded;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf)) {
                io.netty.util.ReferenceCountUtil.release(msg);
                return;
            }
            try {
                if (buf.isReadable()) {
                    waiting.add(ByteBufUtil.getBytes(buf));
                }
            } finally {
                buf.release();
            }
            ReadGate.pause(ctx.channel(), ReadGate.Reason.HANDLER);
            next(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                inputEnded = true;
                next(ctx);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            close(false);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        /** The next write, or EOF, or reading again. Event loop only. */
        private void next(ChannelHandlerContext ctx) {
            if (writing || isClosing()) {
                return;
            }
            byte[] bytes = waiting.poll();
            if (bytes == null) {
                if (inputEnded) {
                    try {
                        sendEof();
                    } catch (IOException e) {
                        close(false);
                    }
                } else {
                    ReadGate.resume(ctx.channel(), ReadGate.Reason.HANDLER);
                }
                return;
            }
            writing = true;
            try {
                ThreadUtils.runAsInternal(() -> getAsyncIn().writeBuffer(new ByteArrayBuffer(bytes)))
                        .addListener(f -> ctx.executor().execute(() -> {
                            writing = false;
                            if (f.getException() != null) {
                                ctx.close();
                            } else {
                                next(ctx);
                            }
                        }));
            } catch (Exception e) {
                ctx.close();
            }
        }
    }
}
