package io.jfrp.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.compression.DecompressionException;

/**
 * A denial-of-service guard in front of Netty's {@code SnappyFrameDecoder}: refuses a snappy
 * framing chunk longer than golang/snappy's reader accepts (76490 bytes of compressed block plus the
 * 4-byte checksum), as soon as its 4-byte header arrives. Netty's decoder alone would buffer a
 * declared compressed chunk of up to 16 MiB before looking at it. No stock writer (Go's or Netty's)
 * writes chunks that long, so a stream that has one is corrupt or hostile.
 *
 * <p>Bytes pass through unchanged; only chunk headers are read, so nothing is buffered here but up
 * to three bytes of a split header. Not sharable: it tracks the position in one stream.
 */
final class SnappyChunkLimiter extends ChannelInboundHandlerAdapter {
    /** golang/snappy: {@code maxEncodedLenOfMaxBlockSize + checksumSize}. */
    static final int MAX_CHUNK_LENGTH = 76490 + 4;

    private final byte[] header = new byte[4];
    private int headerRead;
    /** Body bytes of the current chunk still to pass. */
    private int bodyLeft;
    private boolean failed;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failed) {
            in.release();
            return;
        }
        for (int i = in.readerIndex(), end = in.writerIndex(); i < end; ) {
            if (bodyLeft > 0) {
                int n = Math.min(bodyLeft, end - i);
                bodyLeft -= n;
                i += n;
                continue;
            }
            header[headerRead++] = in.getByte(i++);
            if (headerRead == header.length) {
                headerRead = 0;
                bodyLeft = (header[1] & 0xFF) | (header[2] & 0xFF) << 8 | (header[3] & 0xFF) << 16;
                if (bodyLeft > MAX_CHUNK_LENGTH) {
                    failed = true;
                    in.release();
                    throw new DecompressionException(String.format("snappy chunk of type 0x%02x declares %d bytes,"
                            + " more than the %d any frp peer writes", header[0] & 0xFF, bodyLeft, MAX_CHUNK_LENGTH));
                }
            }
        }
        ctx.fireChannelRead(in);
    }
}
