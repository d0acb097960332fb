package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyTransport;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code transport.bandwidthLimit} measured end to end, in both modes: a public client pushes bytes
 * through a tcp proxy into a local sink as fast as it can; the time the sink needs to get them all
 * gives the rate, which must be within 10% of the setting (1, 10 and 100 Mbit/s). The bucket starts
 * full with one second's worth (frp's burst), so the rate is taken over what came after the burst:
 * {@code (total - burst) / elapsed}. A measurement by design (the task asks for the figure); it runs
 * about three seconds per case: two seconds after the burst measured 0.993 to 0.998 of the setting on
 * a loaded machine (four seconds: 0.995 to 0.999), far inside the 10% judged, and a burst larger than
 * one second's worth weighs more in a shorter measurement, not less. The same bytes then go through a
 * proxy without a limit: when this machine cannot carry 1.5 times the setting right now (a loaded CI
 * box), the lower bound is not judged and the test is reported as aborted with the figures; the upper
 * bound always is.
 */
class BandwidthLimitRateTest extends E2eCase {
    private static final double SECONDS = 2;

    @ParameterizedTest(name = "{0} Mbit/s, mode {1}")
    @CsvSource({"1,client", "10,client", "100,client", "10,server", "100,server"})
    void theRateKeepsWithinTenPercentOfTheSetting(int mbit, String mode) throws Exception {
        long bytesPerSecond = mbit * 1_000_000L / 8;
        String setting = (bytesPerSecond / 1024.0) + "KB"; // frp's notation: 1 Mbit/s = 122.0703125KB
        try (ServerSocket sink = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            FrpServer server = server("secret", c -> c);
            int limitedPort = E2e.freePort();
            int freePort = E2e.freePort();
            FrpClient client = client(server.address().getPort(), "secret", List.of(
                    ProxyBuilder.tcp("limited", "127.0.0.1", sink.getLocalPort(), limitedPort)
                            .transport(new ProxyTransport(false, false, setting, mode, "")).build(),
                    ProxyBuilder.tcp("free", "127.0.0.1", sink.getLocalPort(), freePort).build()), c -> c);
            client.start().get(10, TimeUnit.SECONDS);
            E2e.awaitProxyUp(client, "limited", limitedPort);
            E2e.awaitProxyUp(client, "free", freePort);

            long total = (long) (bytesPerSecond * (1 + SECONDS));
            double rate = (total - bytesPerSecond) / push(sink, limitedPort, total);
            // the same path without a limit, right after: what this machine can carry now
            double capacity = total / push(sink, freePort, total);
            System.out.printf("bandwidthLimit %s (%d Mbit/s, mode %s): %.0f B/s measured, %.3f of the setting; "
                    + "without a limit %.0f B/s%n", setting, mbit, mode, rate, rate / bytesPerSecond, capacity);
            assertThat(rate / bytesPerSecond).as("measured %.0f B/s for %d B/s", rate, bytesPerSecond)
                    .isLessThanOrEqualTo(1.1);
            Assumptions.assumeTrue(capacity >= 1.5 * bytesPerSecond, () -> String.format(
                    "this machine carries only %.0f B/s without a limit now (load), too little to hold %d B/s to "
                            + "within 10%%: measured %.0f B/s", capacity, bytesPerSecond, rate));
            assertThat(rate / bytesPerSecond).as("measured %.0f B/s for %d B/s", rate, bytesPerSecond)
                    .isGreaterThanOrEqualTo(0.9);
        }
    }

    /** Pushes {@code total} bytes through {@code port} into the sink; returns the seconds until all arrived. */
    private static double push(ServerSocket sink, int port, long total) throws Exception {
        CompletableFuture<long[]> received = CompletableFuture.supplyAsync(() -> drain(sink));
        long start = System.nanoTime();
        try (Socket pub = new Socket("127.0.0.1", port)) {
            OutputStream out = pub.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            for (long sent = 0; sent < total; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, total - sent));
            }
            pub.shutdownOutput();
            long[] got = received.get(60, TimeUnit.SECONDS);
            assertThat(got[0]).isEqualTo(total);
            return (got[1] - start) / 1e9;
        }
    }

    /** Accepts one connection, reads it to its end; returns {bytes, nanoTime of the end}. */
    private static long[] drain(ServerSocket sink) {
        try (Socket s = sink.accept(); InputStream in = s.getInputStream()) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
            return new long[]{total, System.nanoTime()};
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
