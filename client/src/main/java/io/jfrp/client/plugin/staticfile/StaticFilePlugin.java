package io.jfrp.client.plugin.staticfile;

import io.jfrp.client.plugin.BasicAuth;
import io.jfrp.client.plugin.PluginContext;
import io.jfrp.client.proxy.UserConn;
import io.jfrp.client.proxy.WorkConnServer;
import io.jfrp.protocol.relay.Relay;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code static_file}: an HTTP file server for the directory {@code localPath}, as frp's (Go's
 * {@code http.FileServer} behind a prefix, basic auth and gzip): GET only; URLs under
 * {@code /stripPrefix/} (or {@code /} without a prefix) map to files; a directory shows its
 * {@code index.html} or a listing; ranges and If-Modified-Since are honoured; answers are gzipped for
 * clients that accept it; with {@code httpUser}/{@code httpPassword} every request needs them (401
 * otherwise).
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
        work.pipeline().addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 8192));
        work.pipeline().addLast("gzip", new HttpContentCompressor(StandardCompressionOptions.gzip()));
        work.pipeline().addLast("chunked", new ChunkedWriteHandler());
        work.pipeline().addLast("static-file", new StaticFileHandler(files));
        Relay.releaseHold(work);
    }
}
