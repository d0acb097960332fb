package io.jfrp.kcp;

import java.util.List;

/**
 * One KCP session's protocol stack below the Netty channel, as kcp-go's UDPSession layers it
 * without a block cipher: the {@link KcpEngine}, and when FEC is on, an {@link FecEncoder} on the
 * way out and an {@link FecDecoder} on the way in. No I/O: packets leave through a
 * {@link KcpEngine.Output} the owner supplies, time comes in as an argument.
 *
 * <h3>Incoming packet dispatch (kcp-go's kcpInput)</h3>
 * A packet whose bytes 4..5 read 0xf1 or 0xf2 (little-endian) is an FEC packet: a data shard's
 * KCP bytes (from offset 8) go to the engine at once as a regular packet, and every shard the
 * decoder recovers goes in as a non-regular one (its own size field says how long it is). Any
 * other packet is bare KCP. Not thread-safe.
 */
final class KcpConnection {
    private final KcpEngine engine;
    private final FecEncoder encoder;
    private final FecDecoder decoder;
    private final KcpEngine.Output sink;
    private final boolean ackNoDelay;
    /** FEC shards rebuilt so far (a statistic for tests and logs). */
    private long recovered;

    KcpConnection(int conv, KcpConfig config, KcpEngine.Output sink) {
        this.sink = sink;
        this.ackNoDelay = config.ackNoDelay();
        this.engine = new KcpEngine(conv, this::output);
        if (config.fec()) {
            ReedSolomon codec = new ReedSolomon(config.dataShards(), config.parityShards());
            this.encoder = new FecEncoder(codec, KcpConfig.MTU_LIMIT);
            this.decoder = new FecDecoder(codec);
            engine.reserveBytes(FecHeader.DATA_OFFSET);
        } else {
            this.encoder = null;
            this.decoder = null;
        }
        engine.setStreamMode(config.streamMode());
        engine.setNoDelay(config.nodelay(), config.interval(), config.fastResend(),
                config.noCongestionWindow() ? 1 : 0);
        engine.setMtu(config.mtu());
        engine.setWindowSize(config.sendWindow(), config.receiveWindow());
    }

    KcpEngine engine() {
        return engine;
    }

    long recoveredShards() {
        return recovered;
    }

    private void output(byte[] buffer, int length) {
        if (encoder == null) {
            sink.output(buffer, length);
            return;
        }
        int parity = encoder.encode(buffer, length);
        sink.output(buffer, length);
        for (int i = 0; i < parity; i++) {
            sink.output(encoder.parity(i), encoder.parityLength());
        }
    }

    /** Whether a packet is FEC-framed (its flag field holds 0xf1 or 0xf2). */
    static boolean isFec(byte[] packet, int len) {
        return len >= FecHeader.SIZE && FecHeader.isFecFlag(KcpSegment.getShort(packet, FecHeader.FLAG_OFFSET));
    }

    /** Processes one received UDP payload {@code packet[0, len)}; returns false if nothing in it was usable. */
    boolean input(byte[] packet, int len, int now) {
        if (!isFec(packet, len)) {
            return len >= KcpSegment.OVERHEAD && engine.input(packet, 0, len, true, ackNoDelay, now) == 0;
        }
        if (len < FecHeader.DATA_OFFSET) {
            return false;
        }
        boolean ok = true;
        // A session without FEC still takes a peer's FEC data shards (kcp-go would build a 1+1
        // decoder here; recovering needs the peer's shard counts, so parity is ignored).
        List<byte[]> shards = decoder != null ? decoder.decode(packet, 0, len, now) : List.of();
        if (KcpSegment.getShort(packet, FecHeader.FLAG_OFFSET) == FecHeader.TYPE_DATA) {
            ok = engine.input(packet, FecHeader.DATA_OFFSET, len - FecHeader.DATA_OFFSET, true,
                    ackNoDelay, now) == 0;
        }
        for (byte[] shard : shards) {
            int size = KcpSegment.getShort(shard, 0);
            if (size >= 2 && size <= shard.length
                    && engine.input(shard, 2, size - 2, false, ackNoDelay, now) == 0) {
                recovered++;
            }
        }
        return ok;
    }
}
