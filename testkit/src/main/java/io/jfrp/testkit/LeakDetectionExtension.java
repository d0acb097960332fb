package io.jfrp.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fails a test class when Netty reports a leaked buffer. Registered for every test through
 * service loading ({@code junit.jupiter.extensions.autodetection.enabled}). Netty runs with
 * paranoid leak detection in tests (see the parent pom's surefire argLine); this factory records
 * each leak report, and after the class it forces collection and allocation so that pending
 * reports surface, then asserts there were none.
 *
 * <p>A leak is reported by the first class to end after Netty saw it: where classes run beside each
 * other (e2e's two lanes) that may be the neighbour's, but no report is dropped (nothing is cleared
 * before a class, only after its check). Each collection is followed by a wait for a sentinel weak
 * reference of that collection to be enqueued, not by a fixed sleep: the JVM's reference handler
 * takes cleared references from the collector in batches and enqueues them on one thread, so once
 * the sentinel of a collection is in its queue, the leak trackers cleared by the collections before
 * it are in Netty's. The last of the {@value #COLLECTIONS} collections mostly flushes the one before.
 */
public final class LeakDetectionExtension implements AfterAllCallback {
    private static final List<String> LEAKS = new ArrayList<>();
    /** Collections after each class: three that can find leaks (chains of them too), one that flushes. */
    static final int COLLECTIONS = 4;
    /** The longest wait for one collection's sentinel; the 50 ms sleeps this replaces were shorter. */
    private static final long SENTINEL_WAIT_MS = 2_000;

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        for (int i = 0; i < COLLECTIONS; i++) {
            collect();
            // Allocation polls the detectors' reference queues, which reports collected leaks.
            for (int j = 0; j < 200; j++) {
                ByteBuf a = PooledByteBufAllocator.DEFAULT.buffer(64);
                a.release();
                ByteBuf b = Unpooled.buffer(64);
                b.release();
                ByteBuf c = PooledByteBufAllocator.DEFAULT.directBuffer(64);
                c.release();
            }
        }
        List<String> leaks;
        synchronized (LEAKS) {
            leaks = new ArrayList<>(LEAKS);
            LEAKS.clear();
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty reported " + leaks.size() + " leak(s) in "
                    + context.getDisplayName() + " (or in a class that ran beside it):\n" + String.join("\n----\n", leaks));
        }
    }

    /**
     * One full collection, returning once the reference handler has enqueued a weak sentinel made
     * just before it, or after {@link #SENTINEL_WAIT_MS}. (A young collection may clear the sentinel
     * first; then the next call's sentinel, made after this collection, still orders after it.)
     */
    private static void collect() throws InterruptedException {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
        System.gc();
        queue.remove(SENTINEL_WAIT_MS);
        sentinel.clear();
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                   long maxActive) {
            return new ResourceLeakDetector<T>(resource, samplingInterval, maxActive) {
                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    record("LEAK " + resourceType + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    record("LEAK " + resourceType + " (untraced)");
                    super.reportUntracedLeak(resourceType);
                }
            };
        }

        private static void record(String leak) {
            synchronized (LEAKS) {
                LEAKS.add(leak);
            }
        }
    }
}
