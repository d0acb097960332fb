package io.jfrp.e2e.vhost;

import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.testkit.RequiredTools;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser through an http proxy: headless Chromium loads a page whose stylesheet and image
 * come from the same local service through jfrps' vhost port (name resolution mapped to loopback
 * with --host-resolver-rules), and its screenshot is checked pixel by pixel: the page background
 * is the colour only the stylesheet sets, and the image is there in its own colour. Once over
 * HTTP/1.1, then with the page's DOM dumped.
 */
class HttpChromiumTest extends HttpVhostCase {
    /** Set by the stylesheet only: if the CSS did not come through, the page is white. */
    private static final int BACKGROUND = 0x123456;
    /** The image's colour. */
    private static final int IMAGE = 0xC81E28;

    private HttpEchoBackend site() throws Exception {
        BufferedImage img = new BufferedImage(120, 120, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 120; x++) {
                img.setRGB(x, y, IMAGE);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        String css = "html, body { margin: 0; padding: 0; background: #123456; height: 100%; }\n"
                + "img { position: absolute; left: 10px; top: 10px; width: 120px; height: 120px; }\n";
        String html = "<!DOCTYPE html><html><head><title>through jfrp</title>"
                + "<link rel=\"stylesheet\" href=\"/static/site.css\"></head>"
                + "<body><img id=\"logo\" src=\"/static/logo.png\" alt=\"logo\"><p id=\"t\">tunnelled</p></body></html>";
        return f.backend("site")
                .serve("/", "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8))
                .serve("/static/site.css", "text/css", css.getBytes(StandardCharsets.UTF_8))
                .serve("/static/logo.png", "image/png", png.toByteArray());
    }

    /** Chromium required, then the site behind an http proxy for www.site.test, up. */
    private HttpEchoBackend siteThroughTunnel() throws Exception {
        RequiredTools.requireOnPath("chromium");
        f = fixture();
        HttpEchoBackend site = site();
        f.clientUp(ProxyBuilder.http("site", "127.0.0.1", site.port(), "www.site.test").build());
        return site;
    }

    private List<String> chromium(String... args) {
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--force-color-profile=srgb", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--proxy-server=direct://",
                "--user-data-dir=" + dir.resolve("chromium-profile"),
                "--host-resolver-rules=MAP *.test 127.0.0.1"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void aPageWithItsStylesheetAndImageRendersThroughTheTunnel() throws Exception {
        HttpEchoBackend site = siteThroughTunnel();

        Path shot = dir.resolve("shot.png");
        String url = "http://www.site.test:" + f.httpPort + "/";
        ExternalCommand.Result run = ExternalCommand.run(Duration.ofSeconds(60),
                chromium("--screenshot=" + shot, "--window-size=400,300", url));
        assertThat(Files.exists(shot)).as("chromium wrote a screenshot; exit %s, stderr:%n%s", run.exitCode(), run.stderr())
                .isTrue();

        assertThat(site.seen).extracting(HttpEchoBackend.Seen::uri)
                .contains("/", "/static/site.css", "/static/logo.png");
        assertThat(site.seen.get(0).header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(site.seen.get(0).header("Host")).isEqualTo("www.site.test:" + f.httpPort);

        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img.getWidth()).isGreaterThanOrEqualTo(300);
        // A large block right of and below the image: exactly the stylesheet's background.
        assertBlock(img, 200, 150, 100, 80, BACKGROUND);
        // The image itself (inset from its edges, away from any smoothing).
        assertBlock(img, 30, 30, 80, 80, IMAGE);
    }

    @Test
    void theDomAsChromiumBuiltItCameThroughTheTunnel() throws Exception {
        HttpEchoBackend site = siteThroughTunnel();
        ExternalCommand.Result run = ExternalCommand.run(Duration.ofSeconds(60),
                chromium("--dump-dom", "http://www.site.test:" + f.httpPort + "/"));
        assertThat(run.stdout()).as(run.stderr()).contains("<p id=\"t\">tunnelled</p>").contains("<title>through jfrp</title>");
    }

    private static void assertBlock(BufferedImage img, int x0, int y0, int w, int h, int rgb) {
        int wrong = 0;
        int example = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int px = img.getRGB(x, y) & 0xFFFFFF;
                if (px != rgb) {
                    wrong++;
                    example = px;
                }
            }
        }
        assertThat(wrong).as("pixels in %dx%d at (%d,%d) not #%06x (e.g. #%06x)", w, h, x0, y0, rgb, example).isZero();
    }
}
