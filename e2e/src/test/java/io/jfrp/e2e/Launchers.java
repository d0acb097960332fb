package io.jfrp.e2e;

import io.jfrp.e2e.netns.NetnsPrograms;
import io.jfrp.testkit.LoggedProcess;
import io.jfrp.testkit.Patience;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * jfrps and jfrpc started through {@code bin/} as a user starts them, for the tests of what the
 * launchers decide (the class path, the JVM's options) rather than what the programs do in-process.
 */
final class Launchers {
    /** The project's root: {@code bin/}, and each module's {@code target/}. */
    static final Path ROOT = NetnsPrograms.projectRoot();
    private static final Duration GRACE = Duration.ofSeconds(10);

    private Launchers() {
    }

    /** Runs {@code bin/jfrps --version} and {@code bin/jfrpc --version}, which build the jars and CDS archives when missing or stale. */
    static void buildBoth() throws Exception {
        for (String program : List.of("jfrps", "jfrpc")) {
            Process p = new ProcessBuilder(ROOT.resolve("bin/" + program).toString(), "--version")
                    .directory(ROOT.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0).as(out).isTrue();
        }
    }

    /** jfrps's file: bindPort {@code bind} on 127.0.0.1, proxies there too, the token {@code token}. */
    static String serverToml(int bind, String token) {
        return """
                bindAddr = "127.0.0.1"
                bindPort = %d
                proxyBindAddr = "127.0.0.1"
                auth.token = "%s"
                """.formatted(bind, token);
    }

    /** jfrpc's file: the server on {@code bind}, {@code extra} lines, one tcp proxy from {@code remote} to {@code local}. */
    static String clientToml(int bind, String token, String extra, int local, int remote) {
        return """
                serverAddr = "127.0.0.1"
                serverPort = %d
                auth.token = "%s"
                %s
                [[proxies]]
                name = "tcp"
                type = "tcp"
                localIP = "127.0.0.1"
                localPort = %d
                remotePort = %d
                """.formatted(bind, token, extra, local, remote);
    }

    /**
     * Starts {@code bin/PROGRAM -c DIR/FILE}, FILE holding {@code text}, with {@code env} added to its
     * environment; its output goes to DIR/PROGRAM.log.
     */
    static LoggedProcess launch(String program, Path dir, String file, String text, Map<String, String> env)
            throws IOException {
        Path config = Files.writeString(dir.resolve(file), text);
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("bin/" + program).toString(), "-c", config.toString())
                .directory(dir.toFile());
        builder.environment().putAll(env);
        return LoggedProcess.start(builder, dir.resolve(program + ".log"), GRACE);
    }

    /** Waits until 127.0.0.1:{@code port} accepts, failing at once with its log if {@code program} exited. */
    static void awaitListening(int port, LoggedProcess program) {
        await().atMost(Patience.WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(program.alive()).as(program.log()).isTrue();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }
}
