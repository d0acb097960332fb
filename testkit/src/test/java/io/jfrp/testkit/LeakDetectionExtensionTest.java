package io.jfrp.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The check after each class: a buffer dropped unreleased is reported (it fails), and once reported
 * it is not reported again; with nothing leaked it passes.
 */
class LeakDetectionExtensionTest {
    private final LeakDetectionExtension extension = new LeakDetectionExtension();

    @Test
    void aBufferDroppedUnreleasedFailsTheCheckAndIsReportedOnce() {
        leakOne(true);
        leakOne(false);
        assertThatThrownBy(() -> extension.afterAll(context("Leaky")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("in Leaky")
                .hasMessageContaining("LEAK");
        assertThatCode(() -> extension.afterAll(context("Next"))).doesNotThrowAnyException();
    }

    @Test
    void releasedBuffersPassTheCheck() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(128);
        b.writeLong(7);
        b.release();
        assertThatCode(() -> extension.afterAll(context("Clean"))).doesNotThrowAnyException();
    }

    /** Allocates a tracked buffer, writes to it and drops it unreleased (not inlined, so it is unreachable after). */
    private static void leakOne(boolean direct) {
        ByteBuf b = direct ? PooledByteBufAllocator.DEFAULT.directBuffer(256) : Unpooled.buffer(256);
        b.writeInt(42);
    }

    private static ExtensionContext context(String name) {
        return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getDisplayName")) {
                        return name;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
