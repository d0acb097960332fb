package io.jfrp.server.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** {@link JfrpMeters} on a Micrometer registry; every meter is created up front, so all series show from the start. */
final class MicrometerJfrpMeters implements JfrpMeters {
    private final AtomicLong streamsOpen = new AtomicLong();
    private final Counter windowStalls;
    private final Map<PreAuthCloseReason, Counter> preAuthCloses = new EnumMap<>(PreAuthCloseReason.class);
    private final Counter tlsOk;
    private final Counter tlsFailed;
    private final Counter reloadOk;
    private final Counter reloadFailed;
    private final Counter udpDropped;

    MicrometerJfrpMeters(MeterRegistry registry) {
        Gauge.builder("jfrp_mux_streams_open", streamsOpen, AtomicLong::get)
                .description("Open yamux streams on all sessions").register(registry);
        windowStalls = Counter.builder("jfrp_mux_window_stalls")
                .description("Times a yamux sender had data but no send window").register(registry);
        for (PreAuthCloseReason reason : PreAuthCloseReason.values()) {
            preAuthCloses.put(reason, Counter.builder("jfrp_connections_closed_before_auth")
                    .description("Connections closed before they authenticated, by reason")
                    .tag("reason", reason.label()).register(registry));
        }
        tlsOk = handshake(registry, "ok");
        tlsFailed = handshake(registry, "failed");
        reloadOk = reload(registry, "ok");
        reloadFailed = reload(registry, "failed");
        udpDropped = Counter.builder("jfrp_udp_datagrams_dropped")
                .description("Datagrams that udp proxies dropped because the queue to the client, or the public socket, was full")
                .register(registry);
    }

    private static Counter handshake(MeterRegistry registry, String result) {
        return Counter.builder("jfrp_tls_handshakes").description("TLS handshakes on frp ports, by result")
                .tag("result", result).register(registry);
    }

    private static Counter reload(MeterRegistry registry, String result) {
        return Counter.builder("jfrp_reloads").description("Configuration reloads, by result")
                .tag("result", result).register(registry);
    }

    @Override
    public void muxStreamOpened() {
        streamsOpen.incrementAndGet();
    }

    @Override
    public void muxStreamClosed() {
        streamsOpen.decrementAndGet();
    }

    @Override
    public void muxWindowStalled() {
        windowStalls.increment();
    }

    @Override
    public void closedBeforeAuth(PreAuthCloseReason reason) {
        preAuthCloses.get(reason).increment();
    }

    @Override
    public void tlsHandshake(boolean ok) {
        (ok ? tlsOk : tlsFailed).increment();
    }

    @Override
    public void reload(boolean ok) {
        (ok ? reloadOk : reloadFailed).increment();
    }

    @Override
    public void udpDatagramDropped() {
        udpDropped.increment();
    }
}
