package io.jfrp.testkit;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.ArrayList;
import java.util.List;

/**
 * TCP channels (NIO, never connected) registered on chosen event loops, for tests of what decides
 * where connections run (the loops' counts, moves between loops); {@link #close()} closes them all.
 */
public final class RegisteredChannels implements AutoCloseable {
    private final List<Channel> channels = new ArrayList<>();

    /** A new TCP channel registered on {@code loop}, as a connection accepted or dialled there. */
    public Channel on(EventLoop loop) {
        Channel ch = new NioSocketChannel();
        channels.add(ch);
        loop.register(ch).syncUninterruptibly();
        return ch;
    }

    /** The {@code index}th channel made here, in order. */
    public Channel get(int index) {
        return channels.get(index);
    }

    @Override
    public void close() {
        for (Channel ch : channels) {
            ch.close().syncUninterruptibly();
        }
        channels.clear();
    }
}
