/**
 * Event-loop plumbing both programs share: {@link io.jfrp.protocol.transport.HalfCloseSafeEpoll}, Netty's
 * epoll transport with the fix that lets a half-closed socket keep writing. The one place below the
 * wire that knows of sockets; it imports Netty's transport only.
 */
package io.jfrp.protocol.transport;
