package io.jfrp.e2e.nathole;

import ch.qos.logback.classic.Level;
import io.jfrp.e2e.LogCapture;
import io.jfrp.nathole.coordinator.NatHoleCoordinator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link XtcpNetnsTest} runs nathole's coordinator in this JVM while the other lane's classes run (the
 * netns lane): what the coordinator logs must not reach a {@link LogCapture} on {@code io.jfrp}, which
 * several of those classes open to count what jfrps and jfrpc log (e2e's logback-test.xml).
 */
class NatholeLogIsolationTest {
    @Test
    void theCoordinatorsLinesStayOutOfACaptureOfIoJfrp() {
        try (LogCapture jfrp = new LogCapture("io.jfrp")) {
            LoggerFactory.getLogger(NatHoleCoordinator.class).warn("a coordinator line");
            LoggerFactory.getLogger("io.jfrp.server.Probe").warn("a server line");
            assertThat(jfrp.messages(Level.INFO)).containsExactly("io.jfrp.server.Probe WARN a server line");
        }
    }
}
