package io.jfrp.e2e;

import io.jfrp.testkit.FreePorts;
import io.jfrp.testkit.LoggedProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Netty's leak detector as the launchers run jfrps and jfrpc ({@code packaging/launcher/jfrp-jvm.sh}; docs/PERFORMANCE.md,
 * "CPU per GB of one stream, per program and per direction"): off, so that no buffer a tunnel's bytes pass through
 * is tracked. At Netty's default one allocation in 128 got a leak record with a stack trace, 2-3.5% of each
 * program's CPU for one stream. Seen from outside through the classes each JVM loaded while 8 MiB went through a
 * tcp proxy over tcpMux+TLS each way: no leak record ({@code ResourceLeakDetector$DefaultResourceLeak}, made for each
 * tracked buffer) was ever made. {@code JAVA_OPTS} still brings the detector back, and then there are. (The leak-aware
 * buffer classes are loaded either way, with the allocator.)
 */
class LeakDetectionLauncherTest {
    private static final String LEAK_RECORD = "io.netty.util.ResourceLeakDetector$DefaultResourceLeak ";
    /** A class every TLS byte goes through, so that its presence shows the log covers the traffic. */
    private static final String TLS_HANDLER = "io.netty.handler.ssl.SslHandler ";

    @BeforeAll
    static void programsBuilt() throws Exception {
        Launchers.buildBoth();
    }

    @Test
    void theLaunchersTrackNoBuffer(@TempDir Path dir) throws Exception {
        carryThroughPair(dir, "");
        for (String program : new String[] {"jfrps", "jfrpc"}) {
            assertThat(classLog(dir, program)).as(program).contains(TLS_HANDLER)
                    .doesNotContain(LEAK_RECORD);
        }
    }

    @Test
    void javaOptsBringTheDetectorBack(@TempDir Path dir) throws Exception {
        // Every allocation sampled, so that the records are certain rather than likely.
        carryThroughPair(dir, "-Dio.netty.leakDetection.level=simple -Dio.netty.leakDetection.samplingInterval=1");
        for (String program : new String[] {"jfrps", "jfrpc"}) {
            assertThat(classLog(dir, program)).as(program).contains(TLS_HANDLER)
                    .contains(LEAK_RECORD);
        }
    }

    /**
     * Starts jfrps and jfrpc from {@code bin/} with {@code javaOpts} and their class loading logged to
     * DIR/PROGRAM-classes.log, echoes 8 MiB through a tcp proxy (tcpMux and TLS: the programs' defaults), and
     * stops them.
     */
    private static void carryThroughPair(Path dir, String javaOpts) throws Exception {
        try (EchoService echo = new EchoService()) {
            int bind = FreePorts.next();
            int remote = FreePorts.next();
            try (LoggedProcess server = launch("jfrps", dir, Launchers.serverToml(bind, "leaks"), javaOpts)) {
                Launchers.awaitListening(bind, server);
                try (LoggedProcess client = launch("jfrpc", dir,
                        Launchers.clientToml(bind, "leaks", "", echo.port(), remote), javaOpts)) {
                    Launchers.awaitListening(remote, client);
                    E2e.assertEchoIntact(remote, 8 * 1024 * 1024, 8);
                    assertThat(server.alive()).as(server.log()).isTrue();
                    assertThat(client.alive()).as(client.log()).isTrue();
                }
            }
        }
    }

    private static LoggedProcess launch(String program, Path dir, String toml, String javaOpts) throws IOException {
        return Launchers.launch(program, dir, program + ".toml", toml, Map.of("JAVA_OPTS",
                "-Xlog:class+load=info:file=" + dir.resolve(program + "-classes.log") + " " + javaOpts));
    }

    private static String classLog(Path dir, String program) throws IOException {
        return Files.readString(dir.resolve(program + "-classes.log"));
    }
}
