package io.jfrp.nathole.punch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;

/**
 * The unicast IP TTL of a UDP socket ({@code setsockopt(IPPROTO_IP, IP_TTL)}), which frp sets with
 * {@code golang.org/x/net/ipv4}'s {@code SetTTL} for receivers' probes: a low TTL opens the
 * local NAT mapping without reaching (and upsetting) the peer's NAT.
 *
 * <p>Only on Netty's epoll channels, through {@link IntegerUnixChannelOption} (a documented Netty API
 * for any integer socket option); the numbers are Linux's ({@code IPPROTO_IP} 0, {@code IP_TTL} 2),
 * and epoll exists only on Linux. See {@link UdpSockets} for why NIO cannot.
 */
public final class IpTtl {
    /** {@code IPPROTO_IP} on Linux. */
    private static final int IPPROTO_IP = 0;
    /** {@code IP_TTL} on Linux. */
    private static final int IP_TTL_OPTNAME = 2;
    /** The socket option, usable on epoll channels. */
    public static final ChannelOption<Integer> IP_TTL = new IntegerUnixChannelOption("IP_TTL", IPPROTO_IP, IP_TTL_OPTNAME);

    private IpTtl() {
    }

    /** Whether {@code channel} can have its TTL set. */
    public static boolean supported(Channel channel) {
        return channel instanceof EpollDatagramChannel;
    }

    /** The socket's current unicast TTL (the system default until set). */
    public static int get(Channel channel) {
        requireSupported(channel);
        return channel.config().getOption(IP_TTL);
    }

    /** Sets the unicast TTL of every datagram the socket sends from now on. */
    public static void set(Channel channel, int ttl) {
        requireSupported(channel);
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("IP TTL must be 1 to 255, got " + ttl);
        }
        if (!channel.config().setOption(IP_TTL, ttl)) {
            throw new IllegalStateException("the channel refused IP_TTL: " + channel);
        }
    }

    private static void requireSupported(Channel channel) {
        if (!supported(channel)) {
            throw new UnsupportedOperationException("no unicast IP TTL on " + channel.getClass().getSimpleName()
                    + " (needs Netty's epoll transport)");
        }
    }
}
