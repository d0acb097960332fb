package io.jfrp.mux;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Jazzer: any bytes fed to {@link YamuxFrameReader}, in pieces of any size, decode to frames or end
 * in a {@link YamuxException}; nothing else escapes, every payload handed out is released (paranoid
 * leak detection in tests), and nothing unbounded is buffered. In CI the committed corpus under
 * src/test/resources/.../YamuxFrameReaderFuzzTestInputs runs;
 * docs/TESTING.md ("Fuzz tests") gives the command for a long fuzzing run.
 */
class YamuxFrameReaderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void anyBytesDecodeOrFailCleanly(byte[] input) {
        YamuxFrameReader reader = new YamuxFrameReader(256 * 1024);
        YamuxFrameListener listener = new YamuxFrameListener() {
            @Override
            public void onData(int streamId, int flags, ByteBuf data) {
                data.release();
            }

            @Override
            public void onWindowUpdate(int streamId, int flags, long delta) {
            }

            @Override
            public void onPing(int flags, long opaque) {
            }

            @Override
            public void onGoAway(YamuxErrorCode code) {
            }
        };
        ByteBuf in = Unpooled.buffer();
        try {
            int step = input.length == 0 ? 1 : 1 + (input[0] & 0x1F);
            for (int off = 0; off < input.length; off += step) {
                in.writeBytes(input, off, Math.min(step, input.length - off));
                reader.readFrames(in, listener);
                in.discardReadBytes();
            }
        } catch (YamuxException expected) {
            // malformed input: the session would GoAway and close
        } finally {
            in.release();
        }
    }
}
