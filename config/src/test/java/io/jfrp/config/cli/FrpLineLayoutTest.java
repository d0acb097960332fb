package io.jfrp.config.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** frp's line written directly: the same text as logback's PatternLayout gives for its pattern. */
class FrpLineLayoutTest {
    private final LoggerContext context = new LoggerContext();
    private final FrpLineLayout layout = new FrpLineLayout();
    private final PatternLayout pattern = new PatternLayout();

    @BeforeEach
    void start() {
        layout.setContext(context);
        layout.start();
        pattern.setContext(context);
        pattern.setPattern(FrpLineLayout.PATTERN);
        pattern.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    static Stream<Arguments> events() {
        Exception nested = new IllegalStateException("outer", new UncheckedIOException(new IOException("disk")));
        return Stream.of(
                Arguments.of("io.jfrp.client.FrpClient", Level.INFO, "[web] start proxy success", null, null),
                Arguments.of("io.jfrp.server.proxy.TcpProxy", Level.WARN, "[{}] port {} in use",
                        new Object[] {"ssh", 6000}, null),
                Arguments.of("NoPackage", Level.ERROR, "failed", null, nested),
                Arguments.of("io.netty.util.X", Level.DEBUG, "a\nsecond line", null, null),
                Arguments.of("io.jfrp.T", Level.TRACE, "{} and {}", new Object[] {"one", new RuntimeException("two")},
                        null));
    }

    @ParameterizedTest
    @MethodSource("events")
    void writesWhatThePatternWrites(String logger, Level level, String message, Object[] args, Throwable thrown) {
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger(logger), level, message, thrown, args);
        assertThat(layout.doLayout(event)).isEqualTo(pattern.doLayout(event));
    }
}
