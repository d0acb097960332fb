package io.jfrp.client.plugin.staticfile;

import io.jfrp.client.plugin.BasicAuth;
import io.jfrp.client.plugin.KeepAliveRequestDecoder;
import io.jfrp.client.plugin.PluginContext;
import io.jfrp.client.proxy.UserConn;
import io.jfrp.client.proxy.WorkConnServer;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.stream.ChunkedWriteHandler;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code static_file}: an HTTP file server for the directory {@code localPath}, as frp's (Go's
 * {@code http.FileServer} behind a prefix, basic auth and gzip): GET only; URLs under
 * {@code /stripPrefix/} (or {@code /} without a prefix) map to files; a directory shows its
 * {@code index.html} or a listing; ranges and If-Modified-Since are honoured; answers are gzipped for
 * clients that accept it; with {@code httpUser}/{@code httpPassword} every request needs them (401
 * otherwise). An idle keep-alive connection is kept open as long as its client keeps it, as Go's
 * server without an IdleTimeout does; a request's head, once begun, must come whole within the head
 * deadline ({@link StaticFileHandler}).
 */
public final class StaticFilePlugin implements WorkConnServer {
    /** Longest request line and header block read (frp's Go server allows 1 MB of headers; 64 KiB is plenty). */
    static final int MAX_INITIAL_LINE = 8192;
    static final int MAX_HEADER_SIZE = 64 * 1024;

    private final FileService files;

    public StaticFilePlugin(PluginContext context) {
        String localPath = context.options().localPath();
        if (localPath.isEmpty()) {
            throw new IllegalArgumentException("localPath is required");
        }
        Path root = Path.of(localPath).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("localPath '" + localPath + "' is not a directory");
        }
        String strip = context.options().stripPrefix();
        this.files = new FileService(context.proxyName(), root, strip.isEmpty() ? "/" : "/" + strip + "/",
                new BasicAuth(context.options().httpUser(), context.options().httpPassword()));
    }

    @Override
    public void serve(DuplexChannel work, UserConn user) {
        install(work.pipeline(), files);
        Relay.releaseHold(work);
    }

    /**
     * The file server's handlers on one connection: the request decoder (which keeps the head deadline
     * and notes the client's FIN), the response encoder, gzip, file streaming. A separate decoder and encoder rather than an {@code HttpServerCodec}: the codec's
     * queue of request methods serves HEAD and CONNECT answers, and this server answers both 405.
     */
    static void install(ChannelPipeline pipeline, FileService files) {
        KeepAliveRequestDecoder decoder = new KeepAliveRequestDecoder(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE).setMaxHeaderSize(MAX_HEADER_SIZE).setMaxChunkSize(8192),
                files.proxyName(), KeepAliveRequestDecoder.HEAD_TIMEOUT_MILLIS);
        StaticFileHandler handler = new StaticFileHandler(files, decoder);
        pipeline.addLast("http-decoder", decoder);
        pipeline.addLast("http-encoder", new HttpResponseEncoder());
        pipeline.addLast("gzip", new HttpContentCompressor(StandardCompressionOptions.gzip()));
        pipeline.addLast("chunked", new ChunkedWriteHandler());
        pipeline.addLast("static-file", handler);
    }
}
