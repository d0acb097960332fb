package io.jfrp.server.web;

import java.util.List;
import java.util.Locale;

/**
 * The dashboard's charts as inline SVG, drawn on the server so the page needs no script library, no
 * build step and no network: bars for traffic in and out, in two fixed colours, each chart a
 * {@code role="img"} with a title and a text description that repeats its numbers for screen
 * readers. The SVGs scale to their container ({@code viewBox}, width 100%).
 */
public final class SvgCharts {
    /** Traffic from users (in). */
    public static final String IN_COLOUR = "#2563eb";
    /** Traffic to users (out). */
    public static final String OUT_COLOUR = "#ea580c";

    private static final int W = 320;
    private static final int H = 150;
    private static final int LEFT = 58;
    private static final int BOTTOM = 22;
    private static final int TOP = 8;

    private SvgCharts() {
    }

    /** One day's two values and its label. */
    record Bar(String label, long in, long out) {
    }

    /**
     * Vertical pairs of bars, one pair per entry, left to right ({@code days}: oldest first).
     *
     * @param id    unique in the page (for aria references)
     * @param title what the chart shows
     */
    static String dailyBars(String id, String title, List<Bar> days) {
        long max = niceMax(days.stream().mapToLong(b -> Math.max(b.in(), b.out())).max().orElse(0));
        int plotW = W - LEFT - 6;
        int plotH = H - TOP - BOTTOM;
        double slot = (double) plotW / Math.max(1, days.size());
        double barW = Math.max(2, slot * 0.36);
        StringBuilder svg = open(id, title, describe(days));
        axes(svg, max, plotH);
        for (int i = 0; i < days.size(); i++) {
            Bar b = days.get(i);
            double x = LEFT + i * slot + slot / 2 - barW;
            bar(svg, x, barW, b.in(), max, plotH, IN_COLOUR);
            bar(svg, x + barW, barW, b.out(), max, plotH, OUT_COLOUR);
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>",
                    LEFT + i * slot + slot / 2, H - 6, Html.esc(b.label())));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * One row per entry (today's traffic per proxy): the name and the numbers as HTML text, which
     * wraps and scales like the rest of the page, and between them an SVG with the two bars,
     * stretched to the row's width ({@code preserveAspectRatio="none"}). All rows share one scale.
     */
    static String horizontalBars(String id, String title, List<Bar> rows) {
        long max = niceMax(rows.stream().mapToLong(b -> Math.max(b.in(), b.out())).max().orElse(0));
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT,
                "<ul id=\"%s\" class=\"hbars\" aria-label=\"%s (scale 0 to %s)\">", id, Html.esc(title),
                Html.esc(Html.bytes(max))));
        for (Bar b : rows) {
            h.append("<li><span class=\"name\">").append(Html.esc(b.label())).append("</span>")
                    .append("<svg class=\"bars\" viewBox=\"0 0 1000 20\" preserveAspectRatio=\"none\" aria-hidden=\"true\">")
                    .append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%.1f\" height=\"9\" fill=\"%s\"/>",
                            scale(b.in(), max, 1000), IN_COLOUR))
                    .append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"11\" width=\"%.1f\" height=\"9\" fill=\"%s\"/>",
                            scale(b.out(), max, 1000), OUT_COLOUR))
                    .append("</svg><span class=\"vals\">in ").append(Html.bytes(b.in())).append(" · out ")
                    .append(Html.bytes(b.out())).append("</span></li>");
        }
        return h.append("</ul>").toString();
    }

    private static StringBuilder open(String id, String title, String desc) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-t %s-d\">"
                        + "<title id=\"%s-t\">%s</title><desc id=\"%s-d\">%s</desc>",
                id, W, H, id, id, id, Html.esc(title), id, Html.esc(desc)));
    }

    private static void axes(StringBuilder svg, long max, int plotH) {
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", LEFT, TOP + plotH, W - 6, TOP + plotH));
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"grid\"/>", LEFT, TOP, W - 6, TOP));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"tick\">%s</text>",
                LEFT - 4, TOP + 4, Html.esc(Html.bytes(max))));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"tick\">0</text>",
                LEFT - 4, TOP + plotH));
    }

    private static void bar(StringBuilder svg, double x, double w, long value, long max, int plotH, String colour) {
        double h = scale(value, max, plotH);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                x, TOP + plotH - h, w, h, colour));
    }

    private static double scale(long value, long max, int length) {
        return max <= 0 ? 0 : (double) value / max * length;
    }

    /** The axis maximum: the smallest of 1 KiB times 1, 2 or 5 times a power of ten at or above {@code max}. */
    static long niceMax(long max) {
        long nice = 1024;
        while (nice < max) {
            long base = nice;
            nice = base * 2 >= max ? base * 2 : base * 5 >= max ? base * 5 : base * 10;
        }
        return nice;
    }

    private static String describe(List<Bar> bars) {
        StringBuilder d = new StringBuilder();
        for (Bar b : bars) {
            if (!d.isEmpty()) {
                d.append("; ");
            }
            d.append(b.label()).append(": in ").append(Html.bytes(b.in())).append(", out ").append(Html.bytes(b.out()));
        }
        return d.isEmpty() ? "no data" : d.toString();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
