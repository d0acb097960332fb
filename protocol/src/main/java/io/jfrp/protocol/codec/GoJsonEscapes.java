package io.jfrp.protocol.codec;

/**
 * Rewrites Jackson's compact JSON into the string escaping of Go's {@code encoding/json} (Go ≥ 1.22),
 * so the bytes are the ones stock frp writes. Jackson already agrees on {@code \" \\ \b \f \n \r \t}
 * and on writing non-ASCII raw; what differs:
 * <ul>
 *   <li>other control characters: Jackson writes uppercase hex ({@code &#92;u001F}), Go lowercase;</li>
 *   <li>Go escapes the HTML-sensitive {@code < > &} as {@code &#92;u003c &#92;u003e &#92;u0026};</li>
 *   <li>Go escapes U+2028 and U+2029.</li>
 * </ul>
 * Done as a pass over the output rather than with Jackson's {@code CharacterEscapes}, because with
 * custom escapes Jackson writes every supplementary character (an emoji, say) as two escaped
 * surrogates, where Go writes it raw (without them, {@code COMBINE_UNICODE_SURROGATES_IN_UTF8} makes
 * Jackson write it raw).
 *
 * <p>Safe on the whole document: outside strings, JSON has no backslashes and none of these
 * characters, and a backslash inside a string always starts a complete escape.
 */
final class GoJsonEscapes {
    private GoJsonEscapes() {
    }

    static byte[] apply(byte[] json) {
        if (!needsRewrite(json)) {
            return json;
        }
        byte[] out = new byte[json.length + json.length / 2 + 16];
        int o = 0;
        for (int i = 0; i < json.length; ) {
            if (out.length - o < 8) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            byte b = json[i];
            if (b == '\\') {
                out[o++] = b;
                out[o++] = json[i + 1];
                if (json[i + 1] == 'u') {
                    for (int k = 2; k < 6; k++) {
                        out[o++] = lower(json[i + k]);
                    }
                    i += 6;
                } else {
                    i += 2;
                }
            } else if (b == '<' || b == '>' || b == '&') {
                o = writeEscape(out, o, b);
                i++;
            } else if (isLineOrParagraphSeparator(json, i)) {
                o = writeEscape(out, o, json[i + 2] == (byte) 0xA8 ? 0x2028 : 0x2029);
                i += 3;
            } else {
                out[o++] = b;
                i++;
            }
        }
        return java.util.Arrays.copyOf(out, o);
    }

    private static boolean needsRewrite(byte[] json) {
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (b == '\\' && json[i + 1] == 'u' || b == '<' || b == '>' || b == '&'
                    || isLineOrParagraphSeparator(json, i)) {
                return true;
            }
        }
        return false;
    }

    /** U+2028 or U+2029 in UTF-8: E2 80 A8 / E2 80 A9. */
    private static boolean isLineOrParagraphSeparator(byte[] json, int i) {
        return json[i] == (byte) 0xE2 && i + 2 < json.length && json[i + 1] == (byte) 0x80
                && (json[i + 2] == (byte) 0xA8 || json[i + 2] == (byte) 0xA9);
    }

    private static int writeEscape(byte[] out, int o, int ch) {
        String hex = "0123456789abcdef";
        out[o++] = '\\';
        out[o++] = 'u';
        out[o++] = (byte) hex.charAt((ch >> 12) & 0xF);
        out[o++] = (byte) hex.charAt((ch >> 8) & 0xF);
        out[o++] = (byte) hex.charAt((ch >> 4) & 0xF);
        out[o++] = (byte) hex.charAt(ch & 0xF);
        return o;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'F' ? (byte) (b + ('a' - 'A')) : b;
    }
}
