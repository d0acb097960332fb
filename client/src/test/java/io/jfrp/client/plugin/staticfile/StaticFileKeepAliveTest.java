package io.jfrp.client.plugin.staticfile;

import io.jfrp.client.plugin.BasicAuth;
import io.jfrp.client.plugin.KeepAliveRequestDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A static_file connection between requests, as frp's Go server keeps it (ReadHeaderTimeout 60 s, no
 * IdleTimeout): an idle keep-alive connection stays open however long it waits, the head deadline runs
 * from a request's first bytes (and from the connection's start for the first request; at once for a
 * head begun behind a request in the same read), and an answered request is not kept while the
 * connection waits. The client's FIN (a work connection allows half closure) closes it, after the
 * answer being written if any.
 */
class StaticFileKeepAliveTest {
    private static final String GET = "GET /a.txt HTTP/1.1\r\nHost: files.test\r\n\r\n";
    private static final long DEADLINE_MILLIS = KeepAliveRequestDecoder.HEAD_TIMEOUT_MILLIS;

    @TempDir
    Path dir;

    private EmbeddedChannel connection() throws IOException {
        return connection(new BasicAuth("", ""));
    }

    private EmbeddedChannel connection(BasicAuth auth) throws IOException {
        Files.writeString(dir.resolve("a.txt"), "hello, held connection\n");
        EmbeddedChannel ch = new EmbeddedChannel();
        StaticFilePlugin.install(ch.pipeline(), new FileService("files", dir, "/", auth));
        return ch;
    }

    /** Sends {@code request}, runs what it started; the bytes written back. */
    private static String exchange(EmbeddedChannel ch, String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        ch.runPendingTasks();
        return written(ch);
    }

    /** The bytes written back since last read. */
    private static String written(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            ByteBuf b = (ByteBuf) o;
            out.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return out.toString();
    }

    /** {@code ch} is open a second before the head deadline ends and closed a second after; then released. */
    private static void assertClosedAtTheDeadline(EmbeddedChannel ch) {
        advance(ch, DEADLINE_MILLIS - 1000);
        assertThat(ch.isOpen()).isTrue();
        advance(ch, 2000);
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    private static void advance(EmbeddedChannel ch, long millis) {
        ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
    }

    @Test
    void anIdleKeepAliveConnectionOutlivesTheHeadDeadline() throws IOException {
        EmbeddedChannel ch = connection();
        assertThat(exchange(ch, GET)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nhello, held connection\n");

        advance(ch, 10 * DEADLINE_MILLIS);

        assertThat(ch.isOpen()).isTrue();
        assertThat(exchange(ch, GET)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nhello, held connection\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void aRequestBegunAfterAnIdleWaitMustCompleteItsHeadWithinTheDeadline() throws IOException {
        EmbeddedChannel ch = connection();
        assertThat(exchange(ch, GET)).startsWith("HTTP/1.1 200 OK\r\n");
        advance(ch, 2 * DEADLINE_MILLIS);

        assertThat(exchange(ch, "GET /a.t")).isEmpty();
        assertClosedAtTheDeadline(ch);
    }

    @Test
    void aHeadPipelinedBehindARequestMustCompleteWithinTheDeadline() throws IOException {
        EmbeddedChannel ch = connection();

        assertThat(exchange(ch, GET + "GET /a.t")).startsWith("HTTP/1.1 200 OK\r\n")
                .endsWith("\r\n\r\nhello, held connection\n");

        assertClosedAtTheDeadline(ch);
    }

    @Test
    void theFirstRequestsHeadDeadlineRunsFromTheConnectionsStart() throws IOException {
        EmbeddedChannel ch = connection();
        assertClosedAtTheDeadline(ch);
    }

    @Test
    void anAnsweredRequestIsNotKeptWhileTheConnectionWaits() throws Exception {
        EmbeddedChannel ch = connection();
        RequestSpy spy = new RequestSpy();
        ch.pipeline().addBefore("static-file", "spy", spy);
        assertThat(exchange(ch, GET)).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(spy.seen).isNotNull();

        for (int i = 0; i < 20 && spy.seen.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(spy.seen.get()).as("the answered request, still reachable from the connection").isNull();
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void theClientsFinClosesAnIdleConnection() throws IOException {
        EmbeddedChannel ch = connection();
        assertThat(exchange(ch, GET)).startsWith("HTTP/1.1 200 OK\r\n");

        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        ch.runPendingTasks();

        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void aFinAfterARequestClosesOnceItsAnswerIsWritten() throws IOException {
        EmbeddedChannel ch = connection(new BasicAuth("user", "secret")); // the refusal is sent after a delay
        assertThat(exchange(ch, GET)).isEmpty();
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isTrue();

        advance(ch, 10_000);

        assertThat(written(ch)).startsWith("HTTP/1.1 401 Unauthorized\r\n");
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    /** Remembers the last request weakly and passes everything on. */
    private static final class RequestSpy extends ChannelInboundHandlerAdapter {
        private WeakReference<HttpRequest> seen;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest r) {
                seen = new WeakReference<>(r);
            }
            ctx.fireChannelRead(msg);
        }
    }
}
