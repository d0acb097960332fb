package io.jfrp.server.web;

import io.jfrp.testkit.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: headless Chromium loads {@code /} (following the redirect to
 * {@code /static/}, with its stylesheet and script) from the fixture's server, at desktop and at
 * phone width. The screenshots must show the charts (far more pixels of the chart colours than the
 * two legends alone draw) and the page Chromium built must list the client and every proxy.
 * (The README's pictures come from e2e's DashboardLiveTest, with real traffic through jfrps and jfrpc.)
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

    /** The page at desktop width, screenshot and DOM from one Chromium start, shared by the two tests that look at it. */
    private static Chromium.Rendered desktop;

    private static BufferedImage screenshot(String name, int width, int height) throws Exception {
        return new Chromium(dir).screenshot(f.base() + "/", width, height, dir.resolve(name));
    }

    private static synchronized Chromium.Rendered desktop() throws Exception {
        if (desktop == null) {
            desktop = new Chromium(dir).render(f.base() + "/", 1280, 1500, dir.resolve("dashboard-desktop.png"));
        }
        return desktop;
    }

    private static int count(BufferedImage img, String hex) {
        return Chromium.count(img, hex);
    }

    @Test
    void desktopScreenshotShowsTheCharts() throws Exception {
        BufferedImage img = desktop().screenshot();
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
        String dom = desktop().dom();
        assertThat(dom).contains("<title>jfrps dashboard</title>")
                .contains("alice.laptop", "alice-laptop", "box")
                .contains(">alice.ssh<", ">alice.web<", ">bob.db<", ">secret<")
                .contains("id=\"chart-today\"", "id=\"chart-week-0\"", "in 8.8 KiB · out 2.4 MiB")
                .contains("<span class=\"state on\">online</span>", "<span class=\"state off\">offline</span>");
    }
}
