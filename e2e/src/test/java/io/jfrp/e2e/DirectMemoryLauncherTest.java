package io.jfrp.e2e;

import com.sun.tools.attach.VirtualMachine;
import io.jfrp.testkit.FreePorts;
import io.jfrp.testkit.LoggedProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Netty's direct memory as the launchers run jfrps and jfrpc ({@code packaging/launcher/jfrp-jvm.sh},
 * {@code jfrp_netty_opts}; docs/PERFORMANCE.md, "Memory and start-up"): Netty reaches {@code DirectByteBuffer}'s
 * constructor and mallocs the chunks of its pooling allocator itself, so that they are not zeroed
 * (and so wholly resident) by {@code ByteBuffer.allocateDirect}. Seen from outside through the JDK's
 * "direct" buffer pool, which counts {@code allocateDirect}'s buffers only: an idle pair with one tcp
 * proxy over tcpMux+TLS holds a few small ones there (epoll's event arrays), not the allocator's
 * chunks of 128 KiB and more (528 KiB for TLS records, which both programs have allocated by then).
 * And those buffers carry a tunnel's bytes: 8 MiB through the proxy each way, SHA-256 compared.
 */
class DirectMemoryLauncherTest {
    /** The chunk of TLS records' size class (16,896 B x 32): Netty's smallest chunk that every TLS loop has. */
    private static final long TLS_RECORD_CHUNK = 16_896L * 32;

    @BeforeAll
    static void programsBuilt() throws Exception {
        Launchers.buildBoth();
    }

    @Test
    void nettysChunksAreNotTheJdksZeroedDirectBuffers(@TempDir Path dir) throws Exception {
        try (EchoService echo = new EchoService()) {
            int bind = FreePorts.next();
            int remote = FreePorts.next();
            try (LoggedProcess server = launch("jfrps", dir, Launchers.serverToml(bind, "direct-memory"))) {
                Launchers.awaitListening(bind, server);
                try (LoggedProcess client = launch("jfrpc", dir,
                        Launchers.clientToml(bind, "direct-memory", "", echo.port(), remote))) {
                    Launchers.awaitListening(remote, client);
                    E2e.assertEchoIntact(remote, 4 * 1024, 4);

                    assertThat(jdkDirectBytes(server)).as("jfrps: bytes of the JDK's direct buffers")
                            .isPositive().isLessThan(TLS_RECORD_CHUNK);
                    assertThat(jdkDirectBytes(client)).as("jfrpc: bytes of the JDK's direct buffers")
                            .isPositive().isLessThan(TLS_RECORD_CHUNK);

                    E2e.assertEchoIntact(remote, 8 * 1024 * 1024, 8);
                    assertThat(server.alive()).as(server.log()).isTrue();
                    assertThat(client.alive()).as(client.log()).isTrue();
                }
            }
        }
    }

    /** Starts {@code bin/PROGRAM -c DIR/PROGRAM.toml}. */
    private static LoggedProcess launch(String program, Path dir, String toml) throws IOException {
        return Launchers.launch(program, dir, program + ".toml", toml, Map.of());
    }

    /**
     * The capacity of the JDK's "direct" buffer pool of {@code program} ({@code ByteBuffer.allocateDirect}'s
     * buffers, not those made with {@code DirectByteBuffer}'s constructor), read over JMX from the local
     * management agent the attach API starts in it.
     */
    private static long jdkDirectBytes(LoggedProcess program) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(program.process().pid())); // the launcher execs java
        try {
            String address = vm.startLocalManagementAgent();
            try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                return ManagementFactory.newPlatformMXBeanProxy(jmx.getMBeanServerConnection(),
                        "java.nio:type=BufferPool,name=direct", BufferPoolMXBean.class).getTotalCapacity();
            }
        } finally {
            vm.detach();
        }
    }
}
