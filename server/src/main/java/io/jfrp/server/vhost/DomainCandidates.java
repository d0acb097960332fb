package io.jfrp.server.vhost;

import java.util.ArrayList;
import java.util.List;

/**
 * The domains a host name is looked up under, in stock frps' order: the host itself; then wildcard
 * domains, dropping labels from the left while at least three are left ({@code a.b.example.com}
 * gives {@code *.b.example.com}, then {@code *.example.com}; never {@code *.com}); then the
 * catch-all {@code *}. One place for that order, shared by the http router and the routers of
 * whole connections (https by SNI, tcpmux by CONNECT).
 */
public final class DomainCandidates {
    private DomainCandidates() {
    }

    /** The candidates for {@code host} (already canonical: lower case, no port, no trailing dot), {@code host} first. */
    public static List<String> of(String host) {
        String[] labels = host.split("\\.", -1);
        List<String> candidates = new ArrayList<>(labels.length + 1);
        candidates.add(host);
        for (int first = 0; labels.length - first >= 3; first++) {
            StringBuilder wildcard = new StringBuilder("*");
            for (int i = first + 1; i < labels.length; i++) {
                wildcard.append('.').append(labels[i]);
            }
            candidates.add(wildcard.toString());
        }
        candidates.add("*");
        return candidates;
    }
}
