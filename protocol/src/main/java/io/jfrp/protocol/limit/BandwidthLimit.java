package io.jfrp.protocol.limit;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * frp's {@code transport.bandwidthLimit} (and NewProxy's {@code bandwidth_limit}): a decimal number
 * followed by {@code KB} or {@code MB}, 1024-based and upper case as frp has it ({@code "10KB"},
 * {@code "0.5MB"}); empty means no limit.
 *
 * @param text           as written (frp sends it on the wire as written)
 * @param bytesPerSecond the rate in bytes per second, truncated as frp does ({@code int64(f * base)});
 *                       0 = no limit
 */
public record BandwidthLimit(String text, long bytesPerSecond) {
    /** No limit. */
    public static final BandwidthLimit NONE = new BandwidthLimit("", 0);

    /** frp's {@code bandwidthLimitMode} value for a limit applied by frps. */
    public static final String MODE_SERVER = "server";
    /** frp's {@code bandwidthLimitMode} value (and default) for a limit applied by frpc. */
    public static final String MODE_CLIENT = "client";

    public BandwidthLimit {
        Objects.requireNonNull(text, "text");
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidth limit below zero: " + bytesPerSecond);
        }
    }

    /**
     * Reads frp's notation.
     *
     * @throws IllegalArgumentException when {@code text} is neither empty nor a number with KB or MB
     */
    public static BandwidthLimit parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            return NONE;
        }
        long base;
        if (s.endsWith("MB")) {
            base = 1024 * 1024;
        } else if (s.endsWith("KB")) {
            base = 1024;
        } else {
            throw new IllegalArgumentException("bandwidth limit '" + text + "': the unit must be KB or MB (e.g. 10KB, 0.5MB)");
        }
        String number = s.substring(0, s.length() - 2);
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bandwidth limit '" + text + "': '" + number + "' is not a number");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("bandwidth limit '" + text + "' is negative");
        }
        BigDecimal bytes = value.multiply(BigDecimal.valueOf(base));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("bandwidth limit '" + text + "' is too large");
        }
        return new BandwidthLimit(s, bytes.longValue());
    }

    /** Whether a limit is set. */
    public boolean isSet() {
        return bytesPerSecond > 0;
    }

    /**
     * The limit of a proxy whose mode is {@code mode}, when it applies on the side named
     * {@code side} ({@link #MODE_CLIENT} or {@link #MODE_SERVER}); {@link #NONE} otherwise. An
     * empty mode is frp's default, client.
     */
    public static BandwidthLimit forSide(String text, String mode, String side) {
        String effective = mode == null || mode.isEmpty() ? MODE_CLIENT : mode.toLowerCase(Locale.ROOT);
        return effective.equals(side) ? parse(text) : NONE;
    }

    @Override
    public String toString() {
        return isSet() ? text + " (" + bytesPerSecond + " bytes/s)" : "no limit";
    }
}
