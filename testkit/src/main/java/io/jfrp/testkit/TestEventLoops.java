package io.jfrp.testkit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.TimeUnit;

/**
 * NIO event loops shared by the tests of one class: created before the class's first test and shut
 * down (no quiet period, at most two seconds) after its last. Register it on a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final TestEventLoops LOOPS = TestEventLoops.nio(2);
 * ... LOOPS.group() ...
 * }</pre>
 * The group is read from the test threads only while the class runs.
 */
public final class TestEventLoops implements BeforeAllCallback, AfterAllCallback {
    private final int threads;
    private volatile EventLoopGroup group;

    private TestEventLoops(int threads) {
        this.threads = threads;
    }

    /** A group of {@code threads} NIO event loops. */
    public static TestEventLoops nio(int threads) {
        return new TestEventLoops(threads);
    }

    /** The group; only between the class's start and end. */
    public EventLoopGroup group() {
        EventLoopGroup g = group;
        if (g == null) {
            throw new IllegalStateException("TestEventLoops is used outside its test class (register it on a static field)");
        }
        return g;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        EventLoopGroup g = group;
        group = null;
        if (g != null) {
            g.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
