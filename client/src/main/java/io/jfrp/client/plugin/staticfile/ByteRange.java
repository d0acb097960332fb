package io.jfrp.client.plugin.staticfile;

/**
 * A single {@code Range: bytes=...} of a file request, as Go's {@code http.ServeContent} reads it:
 * {@code first-last}, {@code first-}, or {@code -suffix}. A header with several ranges, or one that is
 * not a bytes range, is ignored (the whole file is sent); one that lies past the end is
 * {@link #UNSATISFIABLE}.
 *
 * @param first first byte
 * @param last  last byte, inclusive
 */
record ByteRange(long first, long last) {
    /** The range lies outside the file: 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return last - first + 1;
    }

    /** The range {@code header} asks of a file of {@code size} bytes; null for the whole file. */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            if (first < 0) {
                return null;
            }
            if (first >= size) {
                return UNSATISFIABLE;
            }
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            return last < first ? null : new ByteRange(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
