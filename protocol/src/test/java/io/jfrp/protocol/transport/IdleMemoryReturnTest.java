package io.jfrp.protocol.transport;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IdleMemoryReturnTest {
    private static final long MIB = 1L << 20;

    private final AtomicLong allocated = new AtomicLong();
    private final AtomicLong committed = new AtomicLong(16 * MIB);
    private final AtomicLong collected = new AtomicLong();
    private final IdleMemoryReturn idle = new IdleMemoryReturn(allocated::get, committed::get, collected::incrementAndGet);

    private void tickAfter(long bytes) {
        allocated.addAndGet(bytes);
        idle.tick();
    }

    @Test
    void collectsOnceAfterABurstFollowedByQuietSeconds() {
        for (int i = 0; i < 10; i++) {
            tickAfter(20 * MIB);
        }
        assertThat(collected).hasValue(0);
        tickAfter(10_000);
        assertThat(collected).as("one quiet tick is not yet idle").hasValue(0);
        tickAfter(10_000);
        assertThat(collected).hasValue(1);
        for (int i = 0; i < 600; i++) {
            tickAfter(10_000);
        }
        assertThat(collected).as("idle afterwards: no further collection").hasValue(1);
    }

    @Test
    void neverCollectsUnderSteadyLoad() {
        for (int i = 0; i < 1000; i++) {
            tickAfter(5 * MIB);
        }
        assertThat(collected).hasValue(0);
    }

    @Test
    void idleAllocationAloneDoesNotMakeABurstForMinutes() {
        // 50 KiB a second (heartbeats and timers of an idle program): 32 MiB takes over ten minutes.
        for (int i = 0; i < 600; i++) {
            tickAfter(50 * 1024);
        }
        assertThat(collected).hasValue(0);
    }

    @Test
    void aLargeHeapNeedsAsMuchAllocatedAsItHolds() {
        committed.set(512 * MIB);
        for (int i = 0; i < 20; i++) {
            tickAfter(20 * MIB);
        }
        tickAfter(0);
        tickAfter(0);
        assertThat(collected).as("400 MiB allocated against a 512 MiB heap").hasValue(0);
        for (int i = 0; i < 6; i++) {
            tickAfter(20 * MIB);
        }
        tickAfter(0);
        tickAfter(0);
        assertThat(collected).hasValue(1);
    }

    @Test
    void aSecondBurstCollectsAgain() {
        for (int round = 1; round <= 3; round++) {
            tickAfter(40 * MIB);
            tickAfter(0);
            tickAfter(0);
            assertThat(collected).hasValue(round);
        }
    }

    @Test
    void aFallingCounterIsNotAllocation() {
        tickAfter(40 * MIB);
        allocated.set(0);
        idle.tick();
        idle.tick();
        assertThat(collected).hasValue(1);
        idle.tick();
        idle.tick();
        assertThat(collected).hasValue(1);
    }

    @Test
    void startSchedulesOnTheLoopsAndCanBeTurnedOff() {
        DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
        try {
            ScheduledFuture<?> on = IdleMemoryReturn.start(loops);
            assertThat((Object) on).isNotNull();
            assertThat(on.isDone()).isFalse();
            on.cancel(false);
            System.setProperty("jfrp.idleMemoryReturn", "false");
            assertThat((Object) IdleMemoryReturn.start(loops)).isNull();
        } finally {
            System.clearProperty("jfrp.idleMemoryReturn");
            loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
