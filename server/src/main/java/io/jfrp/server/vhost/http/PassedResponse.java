package io.jfrp.server.vhost.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.HttpObject;

/**
 * The parts of a response passed through as the service wrote it ({@link ResponseHeadScanner}):
 * its head as bytes (hop-by-hop lines taken out), then its body as the bytes that came. They travel
 * from {@link BackendHttpCodec} through the exchange to {@link PublicHttpCodec}, which writes their
 * bytes as they are. Each owns its buffer.
 */
final class PassedResponse {
    private PassedResponse() {
    }

    /** A part whose bytes go to the client unchanged. */
    interface Part {
        ByteBuf content();
    }

    /** The response head: status line and headers, as they go to the client. */
    static final class Head extends DefaultByteBufHolder implements HttpObject, Part {
        /** The service keeps the work connection open after this response. */
        final boolean keepAlive;
        /** Success as scanned; a handler further on may mark it failed, as on any HTTP object. */
        private DecoderResult result = DecoderResult.SUCCESS;

        Head(ByteBuf bytes, boolean keepAlive) {
            super(bytes);
            this.keepAlive = keepAlive;
        }

        @Override
        public DecoderResult decoderResult() {
            return result;
        }

        @Override
        public DecoderResult getDecoderResult() {
            return result;
        }

        @Override
        public void setDecoderResult(DecoderResult result) {
            this.result = java.util.Objects.requireNonNull(result, "result");
        }
    }

    /** Body bytes that are not the last. */
    static final class Content extends DefaultHttpContent implements Part {
        Content(ByteBuf bytes) {
            super(bytes);
        }
    }

    /** The body's last bytes (possibly none): the response ends with them. No trailers: the table a trailers object has is not made. */
    static final class Last extends DefaultHttpContent implements LastHttpContent, Part {
        Last(ByteBuf bytes) {
            super(bytes);
        }

        @Override
        public HttpHeaders trailingHeaders() {
            return EmptyHttpHeaders.INSTANCE;
        }

        @Override
        public Last copy() {
            return replace(content().copy());
        }

        @Override
        public Last duplicate() {
            return replace(content().duplicate());
        }

        @Override
        public Last retainedDuplicate() {
            return replace(content().retainedDuplicate());
        }

        @Override
        public Last replace(ByteBuf content) {
            return new Last(content);
        }

        @Override
        public Last retain() {
            super.retain();
            return this;
        }

        @Override
        public Last retain(int increment) {
            super.retain(increment);
            return this;
        }

        @Override
        public Last touch() {
            super.touch();
            return this;
        }

        @Override
        public Last touch(Object hint) {
            super.touch(hint);
            return this;
        }
    }
}
