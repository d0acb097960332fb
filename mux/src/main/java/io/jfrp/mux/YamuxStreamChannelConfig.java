package io.jfrp.mux;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.DefaultMessageSizeEstimator;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.internal.ObjectUtil;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.UnaryOperator;

/**
 * A yamux stream's channel options, as {@link DefaultChannelConfig} keeps them (the same options,
 * defaults, checks and autoRead behaviour) in a third of its size: a held connection keeps one per
 * stream, and almost every stream keeps Netty's defaults. autoRead and autoClose are bits of one
 * field; every other option is in one immutable {@link Options} shared by all streams until a
 * stream sets one of them (then it gets its own copy).
 *
 * <p>Thread-safe, as Netty's: options may be read and set from any thread.
 */
final class YamuxStreamChannelConfig implements ChannelConfig {
    private static final int AUTO_READ = 1;
    private static final int AUTO_CLOSE = 2;
    private static final AtomicIntegerFieldUpdater<YamuxStreamChannelConfig> FLAGS =
            AtomicIntegerFieldUpdater.newUpdater(YamuxStreamChannelConfig.class, "flags");
    private static final AtomicReferenceFieldUpdater<YamuxStreamChannelConfig, Options> OPTIONS =
            AtomicReferenceFieldUpdater.newUpdater(YamuxStreamChannelConfig.class, Options.class, "options");

    private final YamuxStreamChannel channel;
    /** {@link #AUTO_READ} and {@link #AUTO_CLOSE}: both set, as Netty's defaults. */
    @SuppressWarnings("FieldMayBeFinal")
    private volatile int flags = AUTO_READ | AUTO_CLOSE;
    /** The other options: {@link Options#defaults} (shared) until one is set. */
    @SuppressWarnings("FieldMayBeFinal")
    private volatile Options options;

    /**
     * @param channel  the stream; told when autoRead is turned on (read) or off (pending read cancelled)
     * @param defaults the options a stream starts with, shared by every stream
     */
    YamuxStreamChannelConfig(YamuxStreamChannel channel, Options defaults) {
        this.channel = channel;
        this.options = defaults;
    }

    /**
     * The options other than autoRead and autoClose; immutable, replaced whole when one changes.
     *
     * @param allocator            {@link ChannelOption#ALLOCATOR}
     * @param recvAllocator        {@link ChannelOption#RCVBUF_ALLOCATOR}
     * @param sizeEstimator        {@link ChannelOption#MESSAGE_SIZE_ESTIMATOR}
     * @param waterMark            {@link ChannelOption#WRITE_BUFFER_WATER_MARK}
     * @param connectTimeoutMillis {@link ChannelOption#CONNECT_TIMEOUT_MILLIS}
     * @param writeSpinCount       {@link ChannelOption#WRITE_SPIN_COUNT}
     * @param maxMessagesPerWrite  {@link ChannelOption#MAX_MESSAGES_PER_WRITE}
     * @param pinEventExecutor     {@link ChannelOption#SINGLE_EVENTEXECUTOR_PER_GROUP}
     */
    record Options(ByteBufAllocator allocator, RecvByteBufAllocator recvAllocator, MessageSizeEstimator sizeEstimator,
                   WriteBufferWaterMark waterMark, int connectTimeoutMillis, int writeSpinCount,
                   int maxMessagesPerWrite, boolean pinEventExecutor) {

        /** Netty's defaults (those of {@link DefaultChannelConfig}) with the given receive allocator. */
        static Options defaults(RecvByteBufAllocator recvAllocator) {
            return new Options(ByteBufAllocator.DEFAULT, recvAllocator, DefaultMessageSizeEstimator.DEFAULT,
                    WriteBufferWaterMark.DEFAULT, 30_000, 16, Integer.MAX_VALUE, true);
        }

        Options withAllocator(ByteBufAllocator a) {
            return new Options(a, recvAllocator, sizeEstimator, waterMark, connectTimeoutMillis, writeSpinCount,
                    maxMessagesPerWrite, pinEventExecutor);
        }

        Options withRecvAllocator(RecvByteBufAllocator r) {
            return new Options(allocator, r, sizeEstimator, waterMark, connectTimeoutMillis, writeSpinCount,
                    maxMessagesPerWrite, pinEventExecutor);
        }

        Options withSizeEstimator(MessageSizeEstimator e) {
            return new Options(allocator, recvAllocator, e, waterMark, connectTimeoutMillis, writeSpinCount,
                    maxMessagesPerWrite, pinEventExecutor);
        }

        Options withWaterMark(WriteBufferWaterMark w) {
            return new Options(allocator, recvAllocator, sizeEstimator, w, connectTimeoutMillis, writeSpinCount,
                    maxMessagesPerWrite, pinEventExecutor);
        }

        Options withConnectTimeoutMillis(int millis) {
            return new Options(allocator, recvAllocator, sizeEstimator, waterMark, millis, writeSpinCount,
                    maxMessagesPerWrite, pinEventExecutor);
        }

        Options withWriteSpinCount(int count) {
            return new Options(allocator, recvAllocator, sizeEstimator, waterMark, connectTimeoutMillis, count,
                    maxMessagesPerWrite, pinEventExecutor);
        }

        Options withMaxMessagesPerWrite(int count) {
            return new Options(allocator, recvAllocator, sizeEstimator, waterMark, connectTimeoutMillis,
                    writeSpinCount, count, pinEventExecutor);
        }

        Options withPinEventExecutor(boolean pin) {
            return new Options(allocator, recvAllocator, sizeEstimator, waterMark, connectTimeoutMillis,
                    writeSpinCount, maxMessagesPerWrite, pin);
        }
    }

    private ChannelConfig update(UnaryOperator<Options> change) {
        OPTIONS.updateAndGet(this, change);
        return this;
    }

    @Override
    @SuppressWarnings("deprecation")
    public Map<ChannelOption<?>, Object> getOptions() {
        Map<ChannelOption<?>, Object> result = new IdentityHashMap<>();
        for (ChannelOption<?> o : new ChannelOption<?>[] {
                ChannelOption.CONNECT_TIMEOUT_MILLIS, ChannelOption.MAX_MESSAGES_PER_READ,
                ChannelOption.WRITE_SPIN_COUNT, ChannelOption.ALLOCATOR, ChannelOption.AUTO_READ,
                ChannelOption.AUTO_CLOSE, ChannelOption.RCVBUF_ALLOCATOR, ChannelOption.WRITE_BUFFER_HIGH_WATER_MARK,
                ChannelOption.WRITE_BUFFER_LOW_WATER_MARK, ChannelOption.WRITE_BUFFER_WATER_MARK,
                ChannelOption.MESSAGE_SIZE_ESTIMATOR, ChannelOption.SINGLE_EVENTEXECUTOR_PER_GROUP,
                ChannelOption.MAX_MESSAGES_PER_WRITE}) {
            result.put(o, getOption(o));
        }
        return result;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean setOptions(Map<ChannelOption<?>, ?> options) {
        ObjectUtil.checkNotNull(options, "options");
        boolean all = true;
        for (Map.Entry<ChannelOption<?>, ?> e : options.entrySet()) {
            all &= setOption((ChannelOption<Object>) e.getKey(), e.getValue());
        }
        return all;
    }

    @Override
    @SuppressWarnings({"unchecked", "deprecation"})
    public <T> T getOption(ChannelOption<T> option) {
        ObjectUtil.checkNotNull(option, "option");
        Options o = options;
        Object value;
        if (option == ChannelOption.CONNECT_TIMEOUT_MILLIS) {
            value = o.connectTimeoutMillis();
        } else if (option == ChannelOption.MAX_MESSAGES_PER_READ) {
            value = getMaxMessagesPerRead();
        } else if (option == ChannelOption.WRITE_SPIN_COUNT) {
            value = o.writeSpinCount();
        } else if (option == ChannelOption.ALLOCATOR) {
            value = o.allocator();
        } else if (option == ChannelOption.RCVBUF_ALLOCATOR) {
            value = o.recvAllocator();
        } else if (option == ChannelOption.AUTO_READ) {
            value = isAutoRead();
        } else if (option == ChannelOption.AUTO_CLOSE) {
            value = isAutoClose();
        } else if (option == ChannelOption.WRITE_BUFFER_HIGH_WATER_MARK) {
            value = o.waterMark().high();
        } else if (option == ChannelOption.WRITE_BUFFER_LOW_WATER_MARK) {
            value = o.waterMark().low();
        } else if (option == ChannelOption.WRITE_BUFFER_WATER_MARK) {
            value = o.waterMark();
        } else if (option == ChannelOption.MESSAGE_SIZE_ESTIMATOR) {
            value = o.sizeEstimator();
        } else if (option == ChannelOption.SINGLE_EVENTEXECUTOR_PER_GROUP) {
            value = o.pinEventExecutor();
        } else if (option == ChannelOption.MAX_MESSAGES_PER_WRITE) {
            value = o.maxMessagesPerWrite();
        } else {
            return null;
        }
        return (T) value;
    }

    @Override
    @SuppressWarnings("deprecation")
    public <T> boolean setOption(ChannelOption<T> option, T value) {
        ObjectUtil.checkNotNull(option, "option");
        option.validate(value);
        if (option == ChannelOption.CONNECT_TIMEOUT_MILLIS) {
            setConnectTimeoutMillis((Integer) value);
        } else if (option == ChannelOption.MAX_MESSAGES_PER_READ) {
            setMaxMessagesPerRead((Integer) value);
        } else if (option == ChannelOption.WRITE_SPIN_COUNT) {
            setWriteSpinCount((Integer) value);
        } else if (option == ChannelOption.ALLOCATOR) {
            setAllocator((ByteBufAllocator) value);
        } else if (option == ChannelOption.RCVBUF_ALLOCATOR) {
            setRecvByteBufAllocator((RecvByteBufAllocator) value);
        } else if (option == ChannelOption.AUTO_READ) {
            setAutoRead((Boolean) value);
        } else if (option == ChannelOption.AUTO_CLOSE) {
            setAutoClose((Boolean) value);
        } else if (option == ChannelOption.WRITE_BUFFER_HIGH_WATER_MARK) {
            setWriteBufferHighWaterMark((Integer) value);
        } else if (option == ChannelOption.WRITE_BUFFER_LOW_WATER_MARK) {
            setWriteBufferLowWaterMark((Integer) value);
        } else if (option == ChannelOption.WRITE_BUFFER_WATER_MARK) {
            setWriteBufferWaterMark((WriteBufferWaterMark) value);
        } else if (option == ChannelOption.MESSAGE_SIZE_ESTIMATOR) {
            setMessageSizeEstimator((MessageSizeEstimator) value);
        } else if (option == ChannelOption.SINGLE_EVENTEXECUTOR_PER_GROUP) {
            boolean pin = (Boolean) value;
            update(o -> o.withPinEventExecutor(pin));
        } else if (option == ChannelOption.MAX_MESSAGES_PER_WRITE) {
            setMaxMessagesPerWrite((Integer) value);
        } else {
            return false;
        }
        return true;
    }

    @Override
    public int getConnectTimeoutMillis() {
        return options.connectTimeoutMillis();
    }

    @Override
    public ChannelConfig setConnectTimeoutMillis(int connectTimeoutMillis) {
        ObjectUtil.checkPositiveOrZero(connectTimeoutMillis, "connectTimeoutMillis");
        return update(o -> o.withConnectTimeoutMillis(connectTimeoutMillis));
    }

    /** As Netty's: the receive allocator's, which must be a {@link MaxMessagesRecvByteBufAllocator}. */
    @Override
    @Deprecated
    public int getMaxMessagesPerRead() {
        return maxMessages().maxMessagesPerRead();
    }

    /** As Netty's: sets the receive allocator's (shared by every stream that has not set its own). */
    @Override
    @Deprecated
    public ChannelConfig setMaxMessagesPerRead(int maxMessagesPerRead) {
        maxMessages().maxMessagesPerRead(maxMessagesPerRead);
        return this;
    }

    private MaxMessagesRecvByteBufAllocator maxMessages() {
        if (options.recvAllocator() instanceof MaxMessagesRecvByteBufAllocator max) {
            return max;
        }
        throw new IllegalStateException(
                "getRecvByteBufAllocator() must return an object of type MaxMessagesRecvByteBufAllocator");
    }

    /** {@link ChannelOption#MAX_MESSAGES_PER_WRITE}, as {@link DefaultChannelConfig#getMaxMessagesPerWrite()}. */
    public int getMaxMessagesPerWrite() {
        return options.maxMessagesPerWrite();
    }

    /** Sets {@link ChannelOption#MAX_MESSAGES_PER_WRITE}; positive. */
    public ChannelConfig setMaxMessagesPerWrite(int maxMessagesPerWrite) {
        ObjectUtil.checkPositive(maxMessagesPerWrite, "maxMessagesPerWrite");
        return update(o -> o.withMaxMessagesPerWrite(maxMessagesPerWrite));
    }

    @Override
    public int getWriteSpinCount() {
        return options.writeSpinCount();
    }

    @Override
    public ChannelConfig setWriteSpinCount(int writeSpinCount) {
        ObjectUtil.checkPositive(writeSpinCount, "writeSpinCount");
        return update(o -> o.withWriteSpinCount(writeSpinCount));
    }

    @Override
    public ByteBufAllocator getAllocator() {
        return options.allocator();
    }

    @Override
    public ChannelConfig setAllocator(ByteBufAllocator allocator) {
        ObjectUtil.checkNotNull(allocator, "allocator");
        return update(o -> o.withAllocator(allocator));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends RecvByteBufAllocator> T getRecvByteBufAllocator() {
        return (T) options.recvAllocator();
    }

    @Override
    public ChannelConfig setRecvByteBufAllocator(RecvByteBufAllocator allocator) {
        ObjectUtil.checkNotNull(allocator, "allocator");
        return update(o -> o.withRecvAllocator(allocator));
    }

    @Override
    public boolean isAutoRead() {
        return (flags & AUTO_READ) != 0;
    }

    /**
     * As Netty's: turning it on requests a read; turning it off also cancels a read already requested
     * (as a socket channel does), so nothing more is delivered until the next read().
     */
    @Override
    public ChannelConfig setAutoRead(boolean autoRead) {
        int old = autoRead ? FLAGS.getAndUpdate(this, f -> f | AUTO_READ) : FLAGS.getAndUpdate(this, f -> f & ~AUTO_READ);
        boolean was = (old & AUTO_READ) != 0;
        if (autoRead && !was) {
            channel.read();
        } else if (!autoRead && was) {
            channel.autoReadCleared();
        }
        return this;
    }

    @Override
    public boolean isAutoClose() {
        return (flags & AUTO_CLOSE) != 0;
    }

    @Override
    public ChannelConfig setAutoClose(boolean autoClose) {
        if (autoClose) {
            FLAGS.getAndUpdate(this, f -> f | AUTO_CLOSE);
        } else {
            FLAGS.getAndUpdate(this, f -> f & ~AUTO_CLOSE);
        }
        return this;
    }

    @Override
    public int getWriteBufferHighWaterMark() {
        return options.waterMark().high();
    }

    @Override
    public ChannelConfig setWriteBufferHighWaterMark(int high) {
        ObjectUtil.checkPositiveOrZero(high, "writeBufferHighWaterMark");
        return update(o -> {
            int low = o.waterMark().low();
            if (high < low) {
                throw new IllegalArgumentException("writeBufferHighWaterMark cannot be less than "
                        + "writeBufferLowWaterMark (" + low + "): " + high);
            }
            return o.withWaterMark(new WriteBufferWaterMark(low, high));
        });
    }

    @Override
    public int getWriteBufferLowWaterMark() {
        return options.waterMark().low();
    }

    @Override
    public ChannelConfig setWriteBufferLowWaterMark(int low) {
        ObjectUtil.checkPositiveOrZero(low, "writeBufferLowWaterMark");
        return update(o -> {
            int high = o.waterMark().high();
            if (low > high) {
                throw new IllegalArgumentException("writeBufferLowWaterMark cannot be greater than "
                        + "writeBufferHighWaterMark (" + high + "): " + low);
            }
            return o.withWaterMark(new WriteBufferWaterMark(low, high));
        });
    }

    @Override
    public ChannelConfig setWriteBufferWaterMark(WriteBufferWaterMark waterMark) {
        ObjectUtil.checkNotNull(waterMark, "writeBufferWaterMark");
        return update(o -> o.withWaterMark(waterMark));
    }

    @Override
    public WriteBufferWaterMark getWriteBufferWaterMark() {
        return options.waterMark();
    }

    @Override
    public MessageSizeEstimator getMessageSizeEstimator() {
        return options.sizeEstimator();
    }

    @Override
    public ChannelConfig setMessageSizeEstimator(MessageSizeEstimator estimator) {
        ObjectUtil.checkNotNull(estimator, "estimator");
        return update(o -> o.withSizeEstimator(estimator));
    }
}
