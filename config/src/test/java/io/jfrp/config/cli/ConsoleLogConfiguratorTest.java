package io.jfrp.config.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.InfoStatus;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.status.WarnStatus;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The console logging the programs start with, before their configuration is read. */
class ConsoleLogConfiguratorTest {

    @Test
    void installsOneUncolouredConsoleAppenderAtInfoWithNettyAtWarn() {
        LoggerContext context = new LoggerContext();
        try {
            ConsoleLogConfigurator.install(context);

            ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertThat(root.getLevel()).isEqualTo(Level.INFO);
            assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
            List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
            root.iteratorForAppenders().forEachRemaining(appenders::add);
            assertThat(appenders).singleElement().isInstanceOf(ConsoleAppender.class);
            ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appenders.get(0);
            assertThat(console.isStarted()).isTrue();
            assertThat(console.getTarget()).isEqualTo("System.out");

            LoggingEvent event = new LoggingEvent("x", context.getLogger("io.jfrp.client.FrpClient"), Level.WARN,
                    "[web] start proxy success", null, null);
            String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
            assertThat(line).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[W\\] \\[FrpClient\\] "
                    + "\\[web\\] start proxy success\\R");
        } finally {
            context.stop();
        }
    }

    @Test
    void aQuietSetUpGetsAListenerSoLogbackSkipsItsStatusPrinter() {
        LoggerContext context = new LoggerContext();
        try {
            context.getStatusManager().add(new InfoStatus("fine", this));
            ConsoleLogConfigurator.skipStatusPrinterUnlessNeeded(context);
            assertThat(context.getStatusManager().getCopyOfStatusListenerList())
                    .singleElement().isInstanceOf(NopStatusListener.class);
            assertThat(StatusUtil.contextHasStatusListener(context)).isTrue();
        } finally {
            context.stop();
        }
    }

    @Test
    void aWarningLeavesTheContextWithoutListenerSoLogbackPrintsTheStatuses() {
        LoggerContext context = new LoggerContext();
        try {
            context.getStatusManager().add(new WarnStatus("something is off", this));
            ConsoleLogConfigurator.skipStatusPrinterUnlessNeeded(context);
            assertThat(StatusUtil.contextHasStatusListener(context)).isFalse();
        } finally {
            context.stop();
        }
    }
}
