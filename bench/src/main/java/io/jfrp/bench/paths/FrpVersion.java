package io.jfrp.bench.paths;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A stock frp release number, read from {@code frps --version} (which prints e.g. "0.61.1"). */
public record FrpVersion(int major, int minor, int patch) implements Comparable<FrpVersion> {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

    /** The first x.y.z in {@code text}; a clear error naming the text when there is none. */
    public static FrpVersion parse(String text) {
        Matcher m = VERSION.matcher(text == null ? "" : text);
        if (!m.find()) {
            throw new IllegalArgumentException("no frp version (x.y.z) in '" + text + "'");
        }
        return new FrpVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    private static final Comparator<FrpVersion> ORDER = Comparator.comparingInt(FrpVersion::major)
            .thenComparingInt(FrpVersion::minor).thenComparingInt(FrpVersion::patch);

    @Override
    public int compareTo(FrpVersion o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
