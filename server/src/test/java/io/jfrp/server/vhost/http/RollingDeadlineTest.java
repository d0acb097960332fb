package io.jfrp.server.vhost.http;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link RollingDeadline} on a real event loop: expiry counted from the last arm, none once disarmed or cancelled. */
class RollingDeadlineTest {
    private final EventLoop loop = new DefaultEventLoop();
    private final List<String> expired = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private RollingDeadline deadline(String name, long millis) {
        return new RollingDeadline(loop, millis, () -> expired.add(name));
    }

    @Test
    void anArmedDeadlineExpiresOnce() {
        RollingDeadline d = deadline("a", 20);
        loop.execute(d::arm);
        await().atMost(Duration.ofSeconds(10)).until(() -> expired.contains("a"));
        assertThat(expired).containsExactly("a");
        assertThat(d.isArmed()).isFalse();
    }

    @Test
    void reArmingCountsFromTheLastArm() throws Exception {
        AtomicLong lastArm = new AtomicLong();
        AtomicLong firedAt = new AtomicLong();
        RollingDeadline probe = new RollingDeadline(loop, 100, () -> firedAt.set(System.nanoTime()));
        loop.submit(() -> {
            probe.arm();
            lastArm.set(System.nanoTime());
        }).sync();
        // Re-armed 60 ms later: the first task runs early, finds the deadline moved, and waits on.
        loop.schedule(() -> {
            probe.arm();
            lastArm.set(System.nanoTime());
        }, 60, TimeUnit.MILLISECONDS).sync();
        await().atMost(Duration.ofSeconds(10)).until(() -> firedAt.get() != 0);
        assertThat(firedAt.get() - lastArm.get()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(probe.isArmed()).isFalse();
    }

    @Test
    void aDisarmedDeadlineDoesNotExpire() throws Exception {
        RollingDeadline quiet = deadline("disarmed", 30);
        RollingDeadline cancelled = deadline("cancelled", 30);
        loop.submit(() -> {
            quiet.arm();
            quiet.disarm();
            cancelled.arm();
            cancelled.cancel();
        }).sync();
        // Armed after them with the same timeout: its task runs after theirs on the same loop.
        RollingDeadline later = deadline("later", 30);
        loop.submit(later::arm).sync();
        await().atMost(Duration.ofSeconds(10)).until(() -> expired.contains("later"));
        assertThat(expired).containsExactly("later");
    }
}
