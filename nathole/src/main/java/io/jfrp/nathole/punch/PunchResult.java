package io.jfrp.nathole.punch;

import io.netty.channel.socket.DatagramChannel;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A punched hole: the socket whose probe got through and the peer's address as that socket sees it.
 * The tunnel runs over this socket to this peer (frp: QUIC with the visitor as client, or KCP with
 * conv 1). The socket's pipeline holds no handler of the punch (only pass-through ones), its TTL is
 * back to the default, and it is reading:
 * datagrams that arrive before the tunnel adds its handlers are dropped, which QUIC and KCP
 * retransmit over. The socket is not connected; {@code channel.connect(peer)} makes the kernel drop
 * other senders, as frp does by re-dialling the port for KCP. The caller owns and closes it.
 *
 * @param channel    the socket
 * @param peer       the peer's public address
 * @param probesSent probes this side sent
 * @param sockets    sockets this side punched from
 * @param elapsed    from the start of the punch to success
 */
public record PunchResult(DatagramChannel channel, InetSocketAddress peer, int probesSent, int sockets,
                          Duration elapsed) {

    public PunchResult {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
