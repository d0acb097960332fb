package io.jfrp.client.plugin.staticfile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The page Go's file server shows for a directory without index.html: a {@code <pre>} of links. */
final class DirectoryListing {
    private DirectoryListing() {
    }

    /** The page for {@code names} (directories end in a slash). */
    static String html(List<String> names) {
        StringBuilder out = new StringBuilder("<!doctype html>\n<meta name=\"viewport\" content=\"width=device-width\">\n<pre>\n");
        for (String name : names) {
            out.append("<a href=\"").append(escapeHtml(href(name))).append("\">").append(escapeHtml(name)).append("</a>\n");
        }
        return out.append("</pre>\n").toString();
    }

    /** The name as a relative URL path: each byte that is not a path character escaped. */
    private static String href(String name) {
        boolean dir = name.endsWith("/");
        String base = dir ? name.substring(0, name.length() - 1) : name;
        String encoded = URLEncoder.encode(base, StandardCharsets.UTF_8).replace("+", "%20");
        // A name with a colon could read as a scheme: Go prefixes "./" then.
        if (encoded.contains(":") || base.contains(":")) {
            encoded = "./" + encoded;
        }
        return dir ? encoded + "/" : encoded;
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;");
    }
}
