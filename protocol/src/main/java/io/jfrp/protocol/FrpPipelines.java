package io.jfrp.protocol;

import io.jfrp.protocol.codec.FramingDecoder;
import io.jfrp.protocol.codec.MessageFrameDecoder;
import io.jfrp.protocol.codec.MessageFrameEncoder;
import io.jfrp.protocol.crypto.CryptoDecoder;
import io.jfrp.protocol.crypto.CryptoEncoder;
import io.jfrp.protocol.crypto.CryptoKey;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.SnappyFrameDecoder;
import io.netty.handler.codec.compression.SnappyFrameEncoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts frp's layers into a pipeline in stock frp's order, so that both ends agree, and switches
 * them at the points where frp does.
 *
 * <h3>Order</h3>
 * From the network inwards: encryption, then compression, then framing (when the stream still
 * carries messages), then the application. Outbound data is therefore compressed, then encrypted.
 * This matches frp, which wraps a connection in {@code WithEncryption} first and
 * {@code WithCompression} on top, and reads/writes messages on the outermost wrapper.
 *
 * <h3>Switching mid-stream</h3>
 * The switch methods are called from the handler that has just received the message after which
 * the peer changes layers (LoginResp, Login, StartWorkConn, NewVisitorConnResp), on the event loop.
 * Bytes the frame decoder has already buffered belong to the new layers (a stock frps sends its
 * encrypted ReqWorkConn right behind the plain LoginResp, often in the same packet): they are taken
 * out of the decoder and fed through the new layers first, before anything read later. The frame
 * decoder is replaced by a fresh one, so the old one stops decoding at once.
 *
 * <h3>Names</h3>
 * The handlers get the names below; the switch methods find the framing by
 * {@link #FRAME_DECODER} and {@link #FRAME_ENCODER}. The framing may be v1's or wire protocol v2's
 * (any {@link FramingDecoder}): work and visitor connections switch the same way in both, and v2's
 * control-stream AEAD goes in through {@link #insertBelowFraming}.
 */
public final class FrpPipelines {
    public static final String FRAME_DECODER = "frp-frame-decoder";
    public static final String FRAME_ENCODER = "frp-frame-encoder";
    public static final String CRYPTO_DECODER = "frp-crypto-decoder";
    public static final String CRYPTO_ENCODER = "frp-crypto-encoder";
    public static final String SNAPPY_LIMITER = "frp-snappy-limiter";
    public static final String SNAPPY_DECODER = "frp-snappy-decoder";
    public static final String SNAPPY_ENCODER = "frp-snappy-encoder";
    private static final String REPLAY = "frp-buffered-replay";

    private FrpPipelines() {
    }

    /** Adds message framing at the end of the pipeline. */
    public static void addMessageCodec(ChannelPipeline pipeline) {
        pipeline.addLast(FRAME_DECODER, new MessageFrameDecoder());
        pipeline.addLast(FRAME_ENCODER, MessageFrameEncoder.INSTANCE);
    }

    /**
     * Control stream after login: encryption under the framing, keyed by the token. The server calls
     * it right after writing a successful LoginResp, the client right after reading one.
     */
    public static void encryptControlStream(ChannelPipeline pipeline, CryptoKey tokenKey) {
        wrapBelowFraming(pipeline, StreamWrapping.ENCRYPTION, tokenKey);
    }

    /**
     * Keeps exchanging messages, but over wrapped bytes: udp/sudp work connections after
     * StartWorkConn, where UDPPacket messages travel inside the proxy's wrapping.
     *
     * @param key the token's key, or the visitor secret's; unused without encryption (may be null)
     */
    public static void wrapBelowFraming(ChannelPipeline pipeline, StreamWrapping wrapping, CryptoKey key) {
        switchLayers(pipeline, wrapping, key, true);
    }

    /**
     * Ends messages and starts relaying bytes, wrapped as the proxy says: tcp-like work connections
     * after StartWorkConn, visitor connections after NewVisitorConnResp. Without wrapping, buffered
     * bytes go straight on to the next handler.
     *
     * @param key the token's key, or the visitor secret's; unused without encryption (may be null)
     */
    public static void startRelay(ChannelPipeline pipeline, StreamWrapping wrapping, CryptoKey key) {
        switchLayers(pipeline, wrapping, key, false);
    }

    /**
     * Inserts one byte-stream layer (a decoder and an encoder) under the framing mid-stream, with the
     * same hand-over of buffered bytes as the other switches: wire protocol v2's control-stream AEAD
     * after LoginResp. Event loop only.
     */
    public static void insertBelowFraming(ChannelPipeline pipeline, String decoderName, ChannelHandler decoder,
                                          String encoderName, ChannelHandler encoder) {
        switchLayers(pipeline, List.of(new Named(decoderName, decoder, false), new Named(encoderName, encoder, true)),
                true);
    }

    /**
     * Adds the wrapping at the network end of a pipeline that has no framing (a connection that is
     * wrapped from its first byte).
     */
    public static void addWrapping(ChannelPipeline pipeline, StreamWrapping wrapping, CryptoKey key) {
        List<Named> handlers = wrappingHandlers(wrapping, key);
        for (int i = handlers.size() - 1; i >= 0; i--) {
            pipeline.addFirst(handlers.get(i).name, handlers.get(i).handler);
        }
    }

    private static void switchLayers(ChannelPipeline pipeline, StreamWrapping wrapping, CryptoKey key,
                                     boolean keepFraming) {
        switchLayers(pipeline, wrappingHandlers(wrapping, key), keepFraming);
    }

    private static void switchLayers(ChannelPipeline pipeline, List<Named> handlers, boolean keepFraming) {
        assert pipeline.channel().eventLoop().inEventLoop() : "pipeline switches belong on the event loop";
        if (!(pipeline.get(FRAME_DECODER) instanceof FramingDecoder decoder)) {
            throw new IllegalStateException("no " + FRAME_DECODER + " in " + pipeline.names());
        }
        if (pipeline.get(FRAME_ENCODER) == null) {
            throw new IllegalStateException("no " + FRAME_ENCODER + " in " + pipeline.names());
        }

        // Outbound: handlers nearer the head run later, so [crypto, snappy, framing] encodes
        // messages, then compresses, then encrypts.
        for (Named h : handlers) {
            if (h.outbound) {
                pipeline.addBefore(FRAME_ENCODER, h.name, h.handler);
            }
        }
        if (!keepFraming) {
            pipeline.remove(FRAME_ENCODER);
        }

        List<Named> inbound = new ArrayList<>();
        for (Named h : handlers) {
            if (!h.outbound) {
                inbound.add(h);
            }
        }
        if (inbound.isEmpty()) {
            if (!keepFraming) {
                // Netty's decoder hands its buffered bytes to the next handler when removed.
                pipeline.remove(FRAME_DECODER);
            }
            return;
        }
        ByteBuf buffered = decoder.takeBuffered();
        boolean handedOver = false;
        try {
            for (Named h : inbound) {
                pipeline.addBefore(FRAME_DECODER, h.name, h.handler);
            }
            if (keepFraming) {
                pipeline.replace(FRAME_DECODER, FRAME_DECODER, decoder.successor());
            } else {
                pipeline.remove(FRAME_DECODER);
            }
            if (buffered.isReadable()) {
                handedOver = true;
                pipeline.addBefore(inbound.get(0).name, REPLAY, new BufferedBytesReplay(buffered));
            }
        } finally {
            if (!handedOver) {
                buffered.release();
            }
        }
    }

    /** Network end first: crypto decoder and encoder, then snappy limiter, decoder and encoder. */
    private static List<Named> wrappingHandlers(StreamWrapping wrapping, CryptoKey key) {
        List<Named> handlers = new ArrayList<>(4);
        if (wrapping.encryption()) {
            if (key == null) {
                throw new IllegalArgumentException("encryption needs a key");
            }
            handlers.add(new Named(CRYPTO_DECODER, new CryptoDecoder(key), false));
            handlers.add(new Named(CRYPTO_ENCODER, new CryptoEncoder(key), true));
        }
        if (wrapping.compression()) {
            handlers.add(new Named(SNAPPY_LIMITER, new SnappyChunkLimiter(), false));
            // Checksums on: Go's snappy reader always verifies them, so must we.
            handlers.add(new Named(SNAPPY_DECODER, new SnappyFrameDecoder(true), false));
            handlers.add(new Named(SNAPPY_ENCODER, new SnappyFrameEncoder(), true));
        }
        return handlers;
    }

    private record Named(String name, ChannelHandler handler, boolean outbound) {
    }
}
