/**
 * Turning frp v1 messages into bytes and back: {@code [1 byte type][int64 big-endian length][JSON]}
 * with a JSON body of at most 10240 bytes.
 *
 * <p>{@link io.jfrp.protocol.codec.MessageJson} writes JSON exactly as Go's {@code encoding/json}
 * does for frp's structs and reads it as leniently as Go does (unknown fields ignored, names matched
 * case-insensitively) and as strictly (no type coercion, no trailing data).
 * {@link io.jfrp.protocol.codec.MessageCodec} frames without Netty's pipeline;
 * {@link io.jfrp.protocol.codec.MessageFrameDecoder} and
 * {@link io.jfrp.protocol.codec.MessageFrameEncoder} are the pipeline handlers. Every decoding error
 * is a {@link io.jfrp.protocol.codec.MessageFrameException} with a
 * {@link io.jfrp.protocol.codec.MessageFrameException.Reason}.
 *
 * <p>{@link io.jfrp.protocol.codec.FailFastDecoder} is what the frame decoders of both wire
 * protocols and v2's AEAD record decoder share: after the first error a stream has lost its framing,
 * so everything after it is discarded, and an end inside a frame or record is an error of its own.
 * {@link io.jfrp.protocol.codec.FrameException} is what both protocols' frame errors share: a reason,
 * the header's type and declared length.
 */
package io.jfrp.protocol.codec;
