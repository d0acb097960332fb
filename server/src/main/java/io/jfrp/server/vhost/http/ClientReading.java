package io.jfrp.server.vhost.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;

/**
 * When a public HTTP connection (or HTTP/2 stream) reads: while nothing it sent waits to be served,
 * and, while a request body goes out, while the work connection can take it. Reading also goes on
 * while a response is awaited: a keep-alive client sends nothing then, and what a pipelining client
 * sends is held, one read's worth at most (the first part held stops reading); not after a CONNECT
 * or an Upgrade request, whose answer may turn the connection into a tunnel. Turning reading off
 * and on around each response cost two epoll_ctl calls per request (strace of jfrps under wrk;
 * docs/PERFORMANCE.md, "HTTP through the vhost"). So that a client's half-close (its request sent, then its
 * sending side shut) does not close the connection before its answer, an HTTP/1.1 connection
 * allows half-closure; the exchange closes it once that answer is out.
 *
 * <p>Confined to the connection's event loop.
 */
final class ClientReading {
    private final Channel channel;
    private boolean inputShut;

    /** @param http1 a whole HTTP/1.1 connection (not an HTTP/2 stream): half-closure is allowed */
    ClientReading(Channel channel, boolean http1) {
        this.channel = channel;
        if (http1) {
            channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        }
    }

    /**
     * Reads on or stops.
     *
     * @param partsWaiting request parts wait to be served
     * @param closing      the connection closes after the current response
     * @param ex           the current exchange, or null
     * @param backend      its work connection, or null
     */
    void update(boolean partsWaiting, boolean closing, HttpExchange ex, Backend backend) {
        boolean read;
        if (partsWaiting || closing || inputShut) {
            read = false;
        } else if (ex == null || ex.phase == HttpExchange.Phase.DISCARDING) {
            read = true;
        } else if (ex.phase == HttpExchange.Phase.SENDING) {
            read = backend != null && backend.channel != null && backend.channel.isWritable();
        } else {
            // Connecting or awaiting the answer. After a CONNECT or an Upgrade request the client's next
            // bytes may be a tunnel's: they stay unread until the answer says which.
            read = !ex.mayUpgrade;
        }
        channel.config().setAutoRead(read);
    }

    /** The client shut its sending side: nothing more will come. */
    void inputShut() {
        inputShut = true;
        channel.config().setAutoRead(false);
    }

    boolean isInputShut() {
        return inputShut;
    }
}
