package io.jfrp.mux;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The lines of a window, then a count of those left out, on a clock the test moves. */
class LogBudgetTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.jfrp.mux.LogBudgetTest.lines");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private long now = 1_000;

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void pastItsLinesAWindowOnlyCountsThenTheNextWindowSaysHowManyWereLeftOut() {
        LogBudget budget = new LogBudget(3, 10_000, () -> now);

        for (int i = 0; i < 100; i++) {
            budget.info(logger, "closing peer {}", i);
        }
        assertThat(lines()).containsExactly("closing peer 0", "closing peer 1", "closing peer 2");
        assertThat(budget.suppressed()).isEqualTo(97);

        now += TimeUnit.MILLISECONDS.toNanos(9_999);
        budget.info(logger, "still the first window");
        assertThat(lines()).hasSize(3);

        now += TimeUnit.MILLISECONDS.toNanos(1);
        budget.info(logger, "closing peer {}", 200);
        assertThat(lines()).endsWith("98 more lines like the next were not logged (at most 3 each 10 s)",
                "closing peer 200");
        assertThat(budget.suppressed()).isZero();
    }

    @Test
    void refusesABudgetOfNothing() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LogBudget(0, 1000, () -> now))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
