package io.jfrp.config.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import io.jfrp.config.model.LogSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** log.to, log.level, log.maxDays and log.disablePrintColor applied to logback as the programs do. */
class LogbackSetupTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreLogging() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    @Test
    void aFileGetsTheLinesOfTheLevelAndOlderDaysAreKeptUnderFrpsNames() throws Exception {
        Path file = dir.resolve("logs/frpc.log");
        Files.createDirectories(file.getParent());
        String yesterday = LocalDate.now().minusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE);
        Path old = dir.resolve("logs/frpc." + yesterday + ".log");
        Path ancient = dir.resolve("logs/frpc." + LocalDate.now().minusDays(30).format(DateTimeFormatter.BASIC_ISO_DATE) + ".log");
        Files.writeString(old, "x\n");
        Files.writeString(ancient, "x\n");

        CliLogging.apply(new LogSettings(file.toString(), "warn", 7, false));
        Logger log = LoggerFactory.getLogger("io.jfrp.test.Probe");
        log.info("not at warn");
        log.warn("[web] health check failed");
        log.error("boom");

        String text = Files.readString(file);
        assertThat(text).doesNotContain("not at warn").doesNotContain("\033[");
        assertThat(text.lines()).hasSize(2);
        assertThat(text.lines().findFirst().orElseThrow())
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[W\\] \\[Probe\\] \\[web\\] health check failed");
        assertThat(old).as("within maxDays: kept").exists();
        // logback removes old files at start on its own executor: wait for it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ancient).as("beyond maxDays: deleted at start").doesNotExist());
    }

    @Test
    void rotatedFilesAreNamedAsFrpNamesThem() {
        assertThat(LogbackSetup.rotatedName(Path.of("/var/log/frps.log"))).isEqualTo("/var/log/frps.%d{yyyyMMdd}.log");
        assertThat(LogbackSetup.rotatedName(Path.of("frps"))).isEqualTo("frps.%d{yyyyMMdd}");
    }

    @Test
    void consoleLinesAreColouredByLevelAsFrpColoursThem() {
        ch.qos.logback.classic.PatternLayout line = new ch.qos.logback.classic.PatternLayout();
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        line.setContext(ctx);
        line.setPattern("%msg%n");
        line.start();
        LogbackSetup.Coloured coloured = new LogbackSetup.Coloured(line);
        coloured.setContext(ctx);
        coloured.start();
        ch.qos.logback.classic.Logger logger = ctx.getLogger("x");
        assertThat(coloured.doLayout(new LoggingEvent("x", logger, Level.WARN, "careful", null, null)))
                .isEqualTo("\033[1;33mcareful\033[0m\n");
        assertThat(coloured.doLayout(new LoggingEvent("x", logger, Level.INFO, "fine", null, null)))
                .isEqualTo("\033[1;34mfine\033[0m\n");
        assertThat(coloured.doLayout(new LoggingEvent("x", logger, Level.TRACE, "plain", null, null)))
                .isEqualTo("plain\n");
    }

    @Test
    void aLogFileThatCannotBeWrittenIsAnErrorNamingIt() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "");
        assertThatThrownBy(() -> CliLogging.apply(new LogSettings(blocker.resolve("frps.log").toString(), "info", 3, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log.to")
                .hasMessageContaining("frps.log");
    }
}
