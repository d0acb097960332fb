package io.jfrp.e2e.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.jfrp.client.admin.ClientService;
import io.jfrp.client.cli.Jfrpc;
import io.jfrp.config.model.WebServerSettings;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.EchoService;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.CliRun;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code jfrpc reload} with a real jfrps and jfrpc: the configuration file is edited (a proxy added,
 * one changed, one removed) and {@code jfrpc reload -c FILE} run, while a long transfer goes on
 * through a proxy the edit leaves alone. The transfer must finish with every byte (SHA-256 of what
 * came back equal to what was sent) and the server must never have closed that proxy; the changed
 * proxy moves to its new port, the removed one's port closes, the added one serves. Then
 * {@code jfrpc status} shows the new state and {@code jfrpc stop} stops the client, whose proxies
 * leave the server.
 */
class ReloadTest extends E2eCase {
    private static final int CHUNK = 64 * 1024;
    private static final int CHUNKS = 512; // 32 MiB, paced over about 4 s


    private static String proxy(String name, int localPort, int remotePort) {
        return """

                [[proxies]]
                name = "%s"
                type = "tcp"
                localPort = %d
                remotePort = %d
                """.formatted(name, localPort, remotePort);
    }

    @Test
    void aReloadChangesOnlyTheDifferenceWhileATransferThroughAnUnchangedProxyGoesOn() throws Exception {
        EchoService echo = closer.add(new EchoService());
        NamedService changedService = closer.add(new NamedService("changed"));
        NamedService removedService = closer.add(new NamedService("removed"));
        NamedService addedService = closer.add(new NamedService("added"));
        int serverWeb = E2e.freePort();
        FrpServer server = closer.add(E2e.startServer(dir, "tok", c -> c
                .withWebServer(WebServerSettings.plain("127.0.0.1", serverWeb), false)));
        WebApi serverApi = new WebApi("http://127.0.0.1:" + serverWeb, null, null);
        int keepPort = E2e.freePort();
        int changedBefore = E2e.freePort();
        int changedAfter = E2e.freePort();
        int removedPort = E2e.freePort();
        int addedPort = E2e.freePort();
        String common = AdminService.head(server.address().getPort(), "tok", E2e.freePort());
        Path file = dir.resolve("frpc.toml");
        Files.writeString(file, common + proxy("keep", echo.port(), keepPort)
                + proxy("changed", changedService.port(), changedBefore)
                + proxy("removed", removedService.port(), removedPort));
        ClientService service = AdminService.start(file, closer);
        await().atMost(Duration.ofSeconds(10)).until(() -> service.statuses().stream()
                .allMatch(s -> s.phase().text().equals("running")));
        assertThat(NamedService.read(changedBefore)).isEqualTo("changed");
        assertThat(NamedService.read(removedPort)).isEqualTo("removed");

        AtomicLong echoed = new AtomicLong();
        CompletableFuture<String[]> transfer = CompletableFuture.supplyAsync(() -> pacedEcho(keepPort, echoed));
        await().atMost(Duration.ofSeconds(10)).until(() -> echoed.get() > 2 * CHUNK || transfer.isDone());
        assertThat(transfer).as("the transfer is still going when the reload happens").isNotDone();

        Files.writeString(file, common + proxy("keep", echo.port(), keepPort)
                + proxy("changed", changedService.port(), changedAfter)
                + proxy("added", addedService.port(), addedPort));
        CliRun reload = CliRun.run(Jfrpc.commandLine(), "reload", "-c", file.toString());
        assertThat(reload.exitCode()).as(reload.out()).isZero();
        assertThat(reload.out()).isEqualTo("reload success\n");
        long echoedAtReload = echoed.get();

        await().atMost(Duration.ofSeconds(10)).until(() -> E2e.refused(changedBefore) && E2e.refused(removedPort));
        await().atMost(Duration.ofSeconds(10)).until(() -> !E2e.refused(changedAfter) && !E2e.refused(addedPort));
        assertThat(NamedService.read(changedAfter)).isEqualTo("changed");
        assertThat(NamedService.read(addedPort)).isEqualTo("added");

        String[] hashes = transfer.get(60, TimeUnit.SECONDS);
        assertThat(hashes[1]).as("SHA-256 of what came back").isEqualTo(hashes[0]);
        assertThat(echoed.get()).isEqualTo((long) CHUNK * CHUNKS).isGreaterThan(echoedAtReload);
        JsonNode keep = serverApi.json("/api/proxy/tcp/keep");
        assertThat(keep.path("status").asText()).isEqualTo("online");
        assertThat(keep.path("lastCloseTime").asText()).as("the server never closed the unchanged proxy").isEmpty();
        assertThat(serverApi.json("/api/proxy/tcp/removed").path("status").asText()).isEqualTo("offline");

        CliRun status = CliRun.run(Jfrpc.commandLine(), "status", "-c", file.toString());
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).startsWith("Proxy Status...\n\nTCP\nName ")
                .contains("added    running  127.0.0.1:" + addedService.port())
                .contains("127.0.0.1:" + changedAfter)
                .doesNotContain("removed");

        CliRun stop = CliRun.run(Jfrpc.commandLine(), "stop", "-c", file.toString());
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).isEqualTo("stop success\n");
        service.client().terminated().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> E2e.refused(keepPort) && E2e.refused(addedPort));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> serverApi.json("/api/serverinfo").path("clientCounts").asLong() == 0);
        CliRun gone = CliRun.run(Jfrpc.commandLine(), "status", "-c", file.toString(), "--api-timeout", "2s");
        assertThat(gone.exitCode()).isEqualTo(1);
    }

    /**
     * Sends {@link #CHUNKS} chunks of seeded bytes through {@code port} to the echo service, a few
     * milliseconds apart, reads the echo; returns the SHA-256 of what was sent and of what came back.
     */
    private static String[] pacedEcho(int port, AtomicLong echoed) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    SplittableRandom random = new SplittableRandom(7);
                    byte[] chunk = new byte[CHUNK];
                    for (int i = 0; i < CHUNKS; i++) {
                        for (int j = 0; j < CHUNK; j++) {
                            chunk[j] = (byte) random.nextInt();
                        }
                        out.write(chunk);
                        synchronized (sent) {
                            sent.update(chunk);
                        }
                        Thread.sleep(8);
                    }
                    s.shutdownOutput();
                } catch (Exception e) {
                    // the reader sees the stream end early
                }
            }, "paced-writer");
            writer.start();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = in.read(buf)) >= 0) {
                received.update(buf, 0, n);
                echoed.addAndGet(n);
            }
            writer.join(10_000);
            synchronized (sent) {
                return new String[]{HexFormat.of().formatHex(sent.digest()), HexFormat.of().formatHex(received.digest())};
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
