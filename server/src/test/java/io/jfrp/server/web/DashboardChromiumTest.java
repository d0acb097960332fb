package io.jfrp.server.web;

import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: headless Chromium loads {@code /} (following the redirect to
 * {@code /static/}, with its stylesheet and script) from the fixture's server, at desktop and at
 * phone width. The screenshots must show the charts (far more pixels of the chart colours than the
 * two legends alone draw) and the page Chromium built must list the client and every proxy.
 *
 * <p>With {@code -Djfrp.dashboard.screenshots=<dir>} the screenshots are also copied there (the
 * README's pictures in docs/dashboard/ are made that way).
 */
class DashboardChromiumTest {
    /** One legend key is 12 x 12 pixels and the page has two legends. */
    private static final int LEGEND_PIXELS = 2 * 12 * 12;

    static DashboardFixture f;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        f = new DashboardFixture(false, true);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static String chromium(List<String> args) throws IOException, InterruptedException {
        RequiredTools.requireOnPath("chromium");
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--force-color-profile=srgb", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--proxy-server=direct://",
                "--user-data-dir=" + dir.resolve("profile")));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish");
        }
        return out;
    }

    private static BufferedImage screenshot(String name, int width, int height) throws Exception {
        Path shot = dir.resolve(name);
        chromium(List.of("--screenshot=" + shot, "--window-size=" + width + "," + height, f.base() + "/"));
        assertThat(shot).as("chromium wrote %s; stderr: %s", name,
                Files.exists(dir.resolve("chromium.err")) ? Files.readString(dir.resolve("chromium.err")) : "").exists();
        String copyTo = System.getProperty("jfrp.dashboard.screenshots");
        if (copyTo != null && !copyTo.isBlank()) {
            Files.createDirectories(Path.of(copyTo));
            Files.copy(shot, Path.of(copyTo, name), StandardCopyOption.REPLACE_EXISTING);
        }
        return ImageIO.read(shot.toFile());
    }

    private static int count(BufferedImage img, String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void desktopScreenshotShowsTheCharts() throws Exception {
        BufferedImage img = screenshot("dashboard-desktop.png", 1280, 1500);
        assertThat(img.getWidth()).isEqualTo(1280);
        assertThat(count(img, SvgCharts.OUT_COLOUR)).as("out-colour pixels").isGreaterThan(LEGEND_PIXELS + 1000);
        assertThat(count(img, SvgCharts.IN_COLOUR)).as("in-colour pixels").isGreaterThan(LEGEND_PIXELS + 100);
    }

    @Test
    void phoneScreenshotShowsTheChartsWithinTheWidth() throws Exception {
        BufferedImage img = screenshot("dashboard-phone.png", 390, 2000);
        assertThat(img.getWidth()).isEqualTo(390);
        assertThat(count(img, SvgCharts.OUT_COLOUR)).as("out-colour pixels").isGreaterThan(LEGEND_PIXELS + 500);
    }

    @Test
    void theRenderedPageListsTheClientAndEveryProxy() throws Exception {
        String dom = chromium(List.of("--dump-dom", f.base() + "/"));
        assertThat(dom).contains("<title>jfrps dashboard</title>")
                .contains("alice.laptop", "alice-laptop", "box")
                .contains(">alice.ssh<", ">alice.web<", ">bob.db<", ">secret<")
                .contains("id=\"chart-today\"", "id=\"chart-week-0\"", "in 8.8 KiB · out 2.4 MiB")
                .contains("<span class=\"state on\">online</span>", "<span class=\"state off\">offline</span>");
    }
}
