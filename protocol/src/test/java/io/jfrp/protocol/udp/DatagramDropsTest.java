package io.jfrp.protocol.udp;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DatagramDrops} counts every drop and tells its meter of each, and logs a line at the first
 * and then at most one per interval (a clock of its own, so no timing in the test).
 */
class DatagramDropsTest {
    @Test
    void everyDropIsCountedAndMeteredAcrossLogIntervals() {
        AtomicInteger meter = new AtomicInteger();
        AtomicLong clock = new AtomicLong(0);
        DatagramDrops drops = new DatagramDrops("test", meter::incrementAndGet, clock::get);
        for (int i = 0; i < 5000; i++) {
            drops.dropped();
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(7)); // 35 s in all: several log lines
        }
        assertThat(drops.total()).isEqualTo(5000);
        assertThat(meter).hasValue(5000);
        assertThat(drops.lines()).as("at 0, 10, 20 and 30 s").isEqualTo(4);
    }

    @Test
    void aSingleDropIsLogged() {
        DatagramDrops drops = new DatagramDrops("test", () -> {
        }, () -> 42);
        drops.dropped();
        drops.dropped();
        assertThat(drops.lines()).isEqualTo(1);
        assertThat(drops.total()).isEqualTo(2);
    }
}
