package io.jfrp.server;

import io.netty.channel.epoll.Epoll;

/**
 * Which Netty transport the server uses: NIO, unless {@code -Djfrp.epoll=true} asks for epoll.
 *
 * <p>Why not epoll by default: Netty 4.2.18's epoll transport loses data written after a socket's
 * input has been shut down. With nothing left to watch for reading it takes the socket out of
 * epoll, and the next time the socket buffer fills it fails to ask for writability (epoll_ctl
 * ENOENT) and shuts the output down, cutting the stream after a few MiB. A tunnel that carries
 * half-close meets exactly this case (a request, FIN, then a large answer to a slow reader);
 * {@code NettyEpollHalfClosedWriteTest} in e2e reproduces it with Netty alone.
 */
final class Transports {
    private Transports() {
    }

    static boolean epollRequested() {
        return Boolean.getBoolean("jfrp.epoll") && Epoll.isAvailable();
    }
}
