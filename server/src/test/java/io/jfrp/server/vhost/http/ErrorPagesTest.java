package io.jfrp.server.vhost.http;

import io.jfrp.server.vhost.NotFoundPages;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorPagesTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The types Go's http.DetectContentType gives these pages (frps types its 404 page so). */
    @Test
    void the404PageIsTypedAsGoSniffsIt() {
        assertThat(ErrorPages.sniffedType(bytes(NotFoundPages.DEFAULT))).isEqualTo("text/html; charset=utf-8");
        assertThat(ErrorPages.sniffedType(bytes(" \n<html><body>gone</body></html>"))).isEqualTo("text/html; charset=utf-8");
        assertThat(ErrorPages.sniffedType(bytes("<p>gone</p>"))).isEqualTo("text/html; charset=utf-8");
        assertThat(ErrorPages.sniffedType(bytes("<!-- x -->"))).isEqualTo("text/html; charset=utf-8");
        assertThat(ErrorPages.sniffedType(bytes("<pre>gone</pre>"))).as("<P must end the tag")
                .isEqualTo("text/plain; charset=utf-8");
        assertThat(ErrorPages.sniffedType(bytes("gone, sorry"))).isEqualTo("text/plain; charset=utf-8");
        assertThat(ErrorPages.sniffedType(new byte[]{0x00, 0x01, 'x'})).isEqualTo("application/octet-stream");
        assertThat(ErrorPages.sniffedType(new byte[0])).isEqualTo("text/plain; charset=utf-8");
    }

    /** Go's server writes the handler's headers sorted, then Date and Content-Length, then the sniffed type. */
    @Test
    void headsHaveGoServersHeaderOrder() {
        FullHttpResponse notFound = ErrorPages.notFound(ByteBufAllocator.DEFAULT, bytes("<p>x</p>"));
        FullHttpResponse unauthorized = ErrorPages.unauthorized(ByteBufAllocator.DEFAULT);
        try {
            assertThat(names(notFound)).containsExactly("Date", "Content-Length", "Content-Type");
            assertThat(names(unauthorized)).containsExactly("Content-Type", "Www-Authenticate",
                    "X-Content-Type-Options", "Date", "Content-Length");
            assertThat(unauthorized.content().toString(StandardCharsets.UTF_8)).isEqualTo("Unauthorized\n");
        } finally {
            notFound.release();
            unauthorized.release();
        }
    }

    private static List<String> names(FullHttpResponse r) {
        return r.headers().entries().stream().map(Map.Entry::getKey).toList();
    }
}
