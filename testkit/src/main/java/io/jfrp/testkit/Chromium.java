package io.jfrp.testkit;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's chromium package) for tests that look at a page as a browser renders
 * it: a screenshot at a window size and the DOM after scripts ran, from one load of the page. Each
 * call is one Chromium process with a profile in the test's directory, no network beyond the URL (no
 * proxy, no background traffic), bounded by 90 s.
 */
public final class Chromium {
    private final Path dir;

    /** @param dir a directory of the test for the profile and Chromium's stderr */
    public Chromium(Path dir) {
        this.dir = dir;
    }

    /** Runs Chromium with {@code args} after the common ones; returns what it printed. */
    public String run(List<String> args) throws IOException, InterruptedException {
        RequiredTools.requireOnPath("chromium");
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--force-color-profile=srgb", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--proxy-server=direct://",
                "--user-data-dir=" + dir.resolve("chromium-profile")));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(stderrFile().toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 90 s");
        }
        return out;
    }

    /** The page at {@code url} as a {@code width} x {@code height} PNG written to {@code file}, read back. */
    public BufferedImage screenshot(String url, int width, int height, Path file) throws IOException, InterruptedException {
        return render(url, width, height, file).screenshot();
    }

    /**
     * The page at {@code url} loaded once by one Chromium process: its screenshot at {@code width} x
     * {@code height} (written to {@code file}, read back) and its DOM once loaded (each start of Chromium
     * costs seconds, so a test that needs both asks for both at once).
     */
    public Rendered render(String url, int width, int height, Path file) throws IOException, InterruptedException {
        String dom = run(List.of("--screenshot=" + file, "--window-size=" + width + "," + height, "--dump-dom", url));
        if (!Files.exists(file)) {
            throw new IOException("chromium wrote no screenshot " + file + "; stderr: " + stderr());
        }
        return new Rendered(ImageIO.read(file.toFile()), dom);
    }

    /** A page as one Chromium process rendered it: its screenshot and its DOM. */
    public record Rendered(BufferedImage screenshot, String dom) {
    }

    /** What Chromium wrote to stderr last. */
    public String stderr() throws IOException {
        return Files.exists(stderrFile()) ? Files.readString(stderrFile()) : "";
    }

    private Path stderrFile() {
        return dir.resolve("chromium.err");
    }

    /** Pixels of exactly {@code hex} ({@code #rrggbb}) in {@code img}. */
    public static int count(BufferedImage img, String hex) {
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
}
