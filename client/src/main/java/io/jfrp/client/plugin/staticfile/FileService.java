package io.jfrp.client.plugin.staticfile;

import io.jfrp.client.plugin.BasicAuth;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What a URL of the static_file plugin stands for, as Go's {@code http.StripPrefix} and
 * {@code http.FileServer} decide it: outside the prefix, not found; a directory without its trailing
 * slash, a redirect to it; {@code .../index.html}, a redirect to its directory; a directory, its
 * {@code index.html} or a listing; a file, the file. The path is cleaned before it meets the file
 * system ({@code ..} cannot leave the root). Files are read on the caller's thread (the work
 * connection's loop), as Netty's file server example does.
 *
 * @param proxyName the proxy, for log lines
 * @param root      the directory served, absolute and normalised
 * @param prefix    {@code /stripPrefix/} or {@code /}
 * @param auth      the basic-auth credentials asked for (none when empty)
 */
record FileService(String proxyName, Path root, String prefix, BasicAuth auth) {
    /** What a URL resolved to. */
    sealed interface Resolution {
    }

    /** Nothing there (or outside the prefix). */
    record NotFound() implements Resolution {
    }

    /** A relative redirect (Go's {@code localRedirect}). */
    record Redirect(String location) implements Resolution {
    }

    /** A directory without index.html: its entries, sorted, directories with a trailing slash. */
    record Listing(List<String> names) implements Resolution {
    }

    /** A regular file. */
    record FileAt(Path path, BasicFileAttributes attributes) implements Resolution {
    }

    /** Resolves the request URI {@code uri}. */
    Resolution resolve(String uri) {
        String urlPath;
        try {
            urlPath = new QueryStringDecoder(uri).path();
        } catch (IllegalArgumentException e) {
            return new NotFound();
        }
        if (!urlPath.startsWith(prefix)) {
            return new NotFound();
        }
        String rest = "/" + urlPath.substring(prefix.length()); // http.StripPrefix leaves the leading slash out
        if (rest.endsWith("/index.html")) {
            return new Redirect("./");
        }
        String clean = clean(rest);
        Path target = root;
        BasicFileAttributes attrs;
        try {
            for (String part : clean.split("/")) {
                if (!part.isEmpty()) {
                    target = target.resolve(part);
                }
            }
            attrs = Files.readAttributes(target, BasicFileAttributes.class);
        } catch (IOException | SecurityException | java.nio.file.InvalidPathException e) {
            return new NotFound();
        }
        String base = clean.substring(clean.lastIndexOf('/') + 1);
        if (attrs.isDirectory()) {
            if (!rest.endsWith("/")) {
                return new Redirect(base + "/");
            }
            Path index = target.resolve("index.html");
            try {
                BasicFileAttributes indexAttrs = Files.readAttributes(index, BasicFileAttributes.class);
                if (indexAttrs.isRegularFile()) {
                    return new FileAt(index, indexAttrs);
                }
            } catch (IOException | SecurityException e) {
                // no index: list the directory
            }
            return listing(target);
        }
        if (rest.endsWith("/")) {
            return new Redirect("../" + base);
        }
        return attrs.isRegularFile() ? new FileAt(target, attrs) : new NotFound();
    }

    private static Resolution listing(Path dir) {
        List<String> names = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            entries.forEach(p -> names.add(p.getFileName().toString()
                    + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p) ? "/" : "")));
        } catch (IOException | SecurityException e) {
            return new NotFound();
        }
        names.sort(null);
        return new Listing(names);
    }

    /** Go's {@code path.Clean} of a rooted path: no empty, {@code .} or {@code ..} elements. */
    static String clean(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(part);
        }
        return "/" + String.join("/", out);
    }
}
