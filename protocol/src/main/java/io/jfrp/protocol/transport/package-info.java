/**
 * Event-loop plumbing both programs share: {@link io.jfrp.protocol.transport.HalfCloseSafeEpoll}, Netty's
 * epoll transport with the fix that lets a half-closed socket keep writing; {@link
 * io.jfrp.protocol.transport.LingeringClose}, the close after a final answer that keeps it from being lost
 * to a reset; {@link io.jfrp.protocol.transport.LoopMove}. The one place below the
 * wire that knows of sockets; it imports Netty's transport (and its {@code SslHandler}, for a close_notify).
 */
package io.jfrp.protocol.transport;
