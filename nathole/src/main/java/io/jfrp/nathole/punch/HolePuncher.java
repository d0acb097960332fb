package io.jfrp.nathole.punch;

import io.jfrp.nathole.NatHoleException;
import io.jfrp.nathole.NatHoleIds;
import io.jfrp.protocol.msg.NatHoleResp;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Punches a UDP hole to the peer named in a NatHoleResp, from the socket discovery prepared
 * (frp's {@code nathole.MakeHole}); see {@link PunchAttempt} for the phases and
 * {@link PunchInstructions} for how the response is checked.
 *
 * <h3>Bounds</h3>
 * A punch sends at most {@link PunchLimits#maxDatagrams()} probes from at most
 * 1 + {@link PunchLimits#maxListenRandomPorts()} sockets and lasts at most the send delay, plus the
 * range sweep (2 ms a probe), plus the read timeout.
 *
 * <h3>Ownership</h3>
 * The punch takes the prepared socket: on success the winning socket (the prepared one or an extra
 * one) is the caller's in the {@link PunchResult} and every other socket is closed; on failure or
 * cancellation every socket is closed, the prepared one included, as frp closes its listen
 * connection. Extra sockets are opened with the {@link UdpSockets} given here, on the prepared
 * socket's event loop, so the prepared socket must come from the same kind of group.
 *
 * <p>Thread-safe; each punch runs on its socket's event loop.
 */
public final class HolePuncher {
    private final UdpSockets sockets;
    private final PunchLimits limits;
    private final RandomGenerator random;
    private final NatHoleIds ids;

    /** A puncher with default limits and randomness. */
    public HolePuncher(UdpSockets sockets) {
        this(sockets, PunchLimits.defaults(), new SecureRandom(), new NatHoleIds());
    }

    /**
     * @param sockets opens a receiver's extra sockets
     * @param limits  what a NatHoleResp may ask for
     * @param random  random ports and nonces (must be thread-safe if punches run on several loops)
     * @param ids     the probes' transaction ids
     */
    public HolePuncher(UdpSockets sockets, PunchLimits limits, RandomGenerator random, NatHoleIds ids) {
        this.sockets = Objects.requireNonNull(sockets, "sockets");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.random = Objects.requireNonNull(random, "random");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Punches.
     *
     * @param prepared  the socket the mapped addresses belong to (reading may be paused)
     * @param response  the server's NatHoleResp for this side
     * @param secretKey the proxy's secret key, which encrypts the probes
     * @return the hole, or a {@link NatHoleException}: a refused or invalid response, or
     * "wait detect message timeout" with what was tried
     */
    public Future<PunchResult> punch(DatagramChannel prepared, NatHoleResp response, String secretKey) {
        Objects.requireNonNull(prepared, "prepared");
        Promise<PunchResult> promise = prepared.eventLoop().newPromise();
        PunchInstructions plan;
        try {
            plan = PunchInstructions.from(response, limits);
        } catch (NatHoleException e) {
            prepared.close();
            return promise.setFailure(e);
        }
        ProbeCodec codec = ProbeCodec.forSecret(secretKey);
        var attempt = new PunchAttempt(sockets, prepared, plan, codec, ids.newTransactionId(), random, promise);
        prepared.eventLoop().execute(attempt::start);
        return promise;
    }
}
