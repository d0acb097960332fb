package io.jfrp.client.visitor;

import io.jfrp.protocol.auth.VisitorAuthenticator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What every visitor of one client shares.
 *
 * @param user            the client's user: the owner a visitor without serverUser looks for
 * @param loops           where the visitors' sockets run
 * @param serverChannel   the TCP listener type of the loops (stcp)
 * @param datagramChannel the UDP socket type of the loops (sudp)
 * @param udpPacketSize   udpPacketSize: bytes read of each user datagram (sudp)
 * @param link            the current session with the server, or null while there is none
 */
public record VisitorContext(String user, EventLoopGroup loops, Class<? extends ServerChannel> serverChannel,
                             Class<? extends DatagramChannel> datagramChannel, int udpPacketSize,
                             Supplier<ServerLink> link) {
    /** Signs NewVisitorConn with the current time; a visitor does not check timestamps. */
    private static final VisitorAuthenticator SIGNER = new VisitorAuthenticator(Duration.ZERO, Clock.systemUTC());

    public VisitorContext {
        user = user == null ? "" : user;
        Objects.requireNonNull(loops, "loops");
        Objects.requireNonNull(serverChannel, "serverChannel");
        Objects.requireNonNull(datagramChannel, "datagramChannel");
        Objects.requireNonNull(link, "link");
    }

    /** The signer of NewVisitorConn. */
    VisitorAuthenticator signer() {
        return SIGNER;
    }

    /**
     * The wire name of the proxy a visitor reaches (frp's {@code BuildTargetServerProxyName}):
     * {@code serverUser.serverName}, else {@code user.serverName} with this client's user, else the
     * bare name.
     */
    public String targetProxyName(String serverUser, String serverName) {
        String owner = serverUser.isEmpty() ? user : serverUser;
        return owner.isEmpty() ? serverName : owner + "." + serverName;
    }
}
