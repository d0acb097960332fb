package io.jfrp.bench.mux;

import picocli.CommandLine;

import java.util.Locale;

/**
 * Byte counts on the command line: a plain number, or one with a binary suffix
 * {@code k/KiB, m/MiB, g/GiB} (1024-based) or decimal {@code KB, MB, GB} (1000-based).
 */
final class ByteSize implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String value) {
        String s = value.trim();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("not a byte size: " + value);
        }
        double number = Double.parseDouble(s.substring(0, i));
        String unit = s.substring(i).trim();
        long multiplier;
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "": case "b": multiplier = 1; break;
            case "k": case "kib": multiplier = 1L << 10; break;
            case "m": case "mib": multiplier = 1L << 20; break;
            case "g": case "gib": multiplier = 1L << 30; break;
            case "kb": multiplier = 1_000L; break;
            case "mb": multiplier = 1_000_000L; break;
            case "gb": multiplier = 1_000_000_000L; break;
            default: throw new IllegalArgumentException("unknown byte unit '" + unit + "' in " + value);
        }
        return (long) Math.round(number * multiplier);
    }

    static String format(long bytes) {
        if (bytes >= (1L << 30) && bytes % (1L << 20) == 0) {
            return (bytes % (1L << 30) == 0 ? String.valueOf(bytes >> 30) : String.format(Locale.ROOT, "%.2f", bytes / (double) (1L << 30))) + " GiB";
        }
        if (bytes >= (1L << 20) && bytes % (1L << 10) == 0) {
            return (bytes % (1L << 20) == 0 ? String.valueOf(bytes >> 20) : String.format(Locale.ROOT, "%.2f", bytes / (double) (1L << 20))) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }
}
