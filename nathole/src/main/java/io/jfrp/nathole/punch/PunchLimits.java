package io.jfrp.nathole.punch;

import java.time.Duration;

/**
 * How much punching a NatHoleResp may ask of us. The server decides the behaviour, so a hostile or
 * broken server could otherwise make a client open thousands of sockets or spray datagrams for
 * minutes. {@link #defaults()} leave room above everything frp 0.70's coordinator sends (256 extra
 * sockets, 1000 random ports, ranges of 21 ports, 10 s delay, 38 s read timeout, 2 addresses plus
 * 10 assisted ones).
 *
 * @param maxListenRandomPorts extra sockets a receiver may open
 * @param maxSendRandomPorts   random ports to probe per socket and IP
 * @param maxRangePorts        ports in all candidate ranges together
 * @param maxAddresses         candidate or assisted addresses (each list)
 * @param maxSendDelay         longest send delay
 * @param maxReadTimeout       longest read timeout
 * @param maxDatagrams         probes one punch may send in all
 */
public record PunchLimits(int maxListenRandomPorts, int maxSendRandomPorts, int maxRangePorts, int maxAddresses,
                          Duration maxSendDelay, Duration maxReadTimeout, int maxDatagrams) {

    /** Room above frp 0.70's largest values; see the class comment. */
    public static PunchLimits defaults() {
        return new PunchLimits(512, 2000, 512, 32, Duration.ofSeconds(30), Duration.ofSeconds(120), 20_000);
    }
}
