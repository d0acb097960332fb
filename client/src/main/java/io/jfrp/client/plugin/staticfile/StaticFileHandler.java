package io.jfrp.client.plugin.staticfile;

import io.jfrp.client.plugin.BasicAuth;
import io.jfrp.client.plugin.PluginResponses;
import io.jfrp.client.plugin.KeepAliveRequestDecoder;
import io.jfrp.protocol.relay.ReadGate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * Answers the requests of one connection of the static_file plugin, one at a time: authentication,
 * method, then the {@link FileService}'s resolution: a file (whole, a range, or 304), a listing, a
 * redirect, or 404. The request body, if any, is discarded.
 *
 * <h3>Limits</h3>
 * The {@link KeepAliveRequestDecoder} in front keeps Go's rule: a request's head must be whole within
 * frp's ReadHeaderTimeout of the connection's start for the first request and of its first bytes for
 * each later one; an idle keep-alive connection waits for its next request without a deadline, and
 * holds no timer and no request meanwhile. Reading pauses while an answer is written, so a client
 * that sends requests without reading answers gets nowhere; files stream through
 * {@code ChunkedWriteHandler}, which writes only while the connection is writable. The client's end
 * of its sending (its FIN; a work connection allows half closure) closes the connection at once, or
 * after the answer being written: no further request can come, and an open half would keep the
 * stream here and the public socket on jfrps for good.
 *
 * <h3>Threading</h3>
 * The work connection's event loop.
 */
final class StaticFileHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(StaticFileHandler.class);

    private final FileService files;
    /** The decoder in front, which knows whether the client has ended its sending. */
    private final KeepAliveRequestDecoder decoder;
    /** The body of the current request is being skipped; its answer is sent at its end. */
    private boolean discardingBody;
    /** An answer is being written; the connection closes after it once the client ended its sending. */
    private boolean answering;
    /** The request being read; dropped once it is answered. */
    private HttpRequest current;

    StaticFileHandler(FileService files, KeepAliveRequestDecoder decoder) {
        this.files = files;
        this.decoder = decoder;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest req) {
                current = req;
                discardingBody = true;
                if (req.decoderResult().isFailure()) {
                    send(ctx, PluginResponses.text(HttpResponseStatus.BAD_REQUEST, "400 Bad Request"), false);
                    return;
                }
            }
            if (msg instanceof LastHttpContent && discardingBody) {
                discardingBody = false;
                ReadGate.pause(ctx.channel(), ReadGate.Reason.HANDLER);
                HttpRequest req = current;
                current = null;
                answering = true;
                answer(ctx, req);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        BasicAuth auth = files.auth();
        if (!auth.accepts(req.headers(), HttpHeaderNames.AUTHORIZATION)) {
            FullHttpResponse denied = PluginResponses.text(HttpResponseStatus.UNAUTHORIZED, "Unauthorized");
            denied.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"Restricted\"");
            ctx.executor().schedule(() -> send(ctx, denied, keepAlive), BasicAuth.FAILURE_DELAY_MILLIS,
                    TimeUnit.MILLISECONDS);
            return;
        }
        if (!req.method().equals(HttpMethod.GET)) {
            FullHttpResponse notAllowed = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.METHOD_NOT_ALLOWED);
            HttpUtil.setContentLength(notAllowed, 0);
            send(ctx, notAllowed, keepAlive);
            return;
        }
        FileService.Resolution resolution = files.resolve(req.uri());
        if (resolution instanceof FileService.NotFound) {
            send(ctx, PluginResponses.text(HttpResponseStatus.NOT_FOUND, "404 page not found"), keepAlive);
        } else if (resolution instanceof FileService.Redirect redirect) {
            FullHttpResponse moved = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.MOVED_PERMANENTLY);
            moved.headers().set(HttpHeaderNames.LOCATION, redirect.location());
            HttpUtil.setContentLength(moved, 0);
            send(ctx, moved, keepAlive);
        } else if (resolution instanceof FileService.Listing listing) {
            ByteBuf body = Unpooled.copiedBuffer(DirectoryListing.html(listing.names()), StandardCharsets.UTF_8);
            FullHttpResponse page = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
            page.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
            HttpUtil.setContentLength(page, body.readableBytes());
            send(ctx, page, keepAlive);
        } else if (resolution instanceof FileService.FileAt file) {
            sendFile(ctx, req, file, keepAlive);
        }
    }

    private void sendFile(ChannelHandlerContext ctx, HttpRequest req, FileService.FileAt file, boolean keepAlive) {
        long size = file.attributes().size();
        Instant modified = file.attributes().lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        String since = req.headers().get(HttpHeaderNames.IF_MODIFIED_SINCE);
        if (since != null && !req.headers().contains(HttpHeaderNames.RANGE) && notModifiedSince(modified, since)) {
            FullHttpResponse notModified = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
            notModified.headers().set(HttpHeaderNames.LAST_MODIFIED, httpDate(modified));
            send(ctx, notModified, keepAlive);
            return;
        }
        ByteRange range = ByteRange.parse(req.headers().get(HttpHeaderNames.RANGE), size);
        if (range == ByteRange.UNSATISFIABLE) {
            FullHttpResponse refused = PluginResponses.text(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "invalid range: failed to overlap");
            refused.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
            send(ctx, refused, keepAlive);
            return;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file.path(), StandardOpenOption.READ);
        } catch (IOException | SecurityException e) {
            log.info("[{}] static_file: cannot open {}: {}", files.proxyName(), file.path(), e.getMessage());
            send(ctx, PluginResponses.text(HttpResponseStatus.FORBIDDEN, "403 Forbidden"), keepAlive);
            return;
        }
        long offset = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                range == null ? HttpResponseStatus.OK : HttpResponseStatus.PARTIAL_CONTENT);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, ContentTypes.of(file.path()));
        response.headers().set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES);
        response.headers().set(HttpHeaderNames.LAST_MODIFIED, httpDate(modified));
        if (range != null) {
            response.headers().set(HttpHeaderNames.CONTENT_RANGE,
                    "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        HttpUtil.setContentLength(response, length);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.write(response);
        ChannelFuture done;
        try {
            done = ctx.writeAndFlush(new HttpChunkedInput(new ChunkedNioFile(channel, offset, length, 16 * 1024)));
        } catch (IOException e) {
            closeQuietly(channel);
            ctx.close();
            return;
        }
        finish(ctx, done, keepAlive);
    }

    private static boolean notModifiedSince(Instant modified, String since) {
        try {
            Instant when = ZonedDateTime.parse(since, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !modified.isAfter(when);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }

    private void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        finish(ctx, ctx.writeAndFlush(response), keepAlive);
    }

    /** After an answer: close, or wait (without a deadline) for the next request. */
    private void finish(ChannelHandlerContext ctx, ChannelFuture written, boolean keepAlive) {
        written.addListener(f -> {
            answering = false;
            if (!f.isSuccess() || !keepAlive || decoder.inputEnded()) {
                ctx.close();
                return;
            }
            ReadGate.resume(ctx.channel(), ReadGate.Reason.HANDLER);
        });
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            if (!answering) {
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[{}] static_file: {}", files.proxyName(), cause.toString());
        ctx.close();
    }
}
