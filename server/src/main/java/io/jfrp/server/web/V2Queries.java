package io.jfrp.server.web;

import io.jfrp.web.ApiError;
import io.jfrp.web.WebRequest;

import java.util.List;
import java.util.Locale;

/**
 * The query parameters of the v2 list routes, validated with frp's rules and messages
 * ({@code parseV2PageParams}, {@code parseV2StatusFilter}, {@code parseV2ProxyTypeFilter}); a bad
 * value is a 400 naming it.
 */
final class V2Queries {
    static final int DEFAULT_PAGE = 1;
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private V2Queries() {
    }

    /** {@code page} and {@code pageSize}. */
    record Paging(int page, int pageSize) {
        /** The slice of {@code items} on this page (empty past the end), in a {@link V2Model.Page}. */
        <T> V2Model.Page<T> apply(List<T> items) {
            long start = (long) (page - 1) * pageSize;
            List<T> slice = start >= items.size() ? List.of()
                    : items.subList((int) start, (int) Math.min(start + pageSize, items.size()));
            return new V2Model.Page<>(items.size(), page, pageSize, List.copyOf(slice));
        }
    }

    static Paging paging(WebRequest r) throws ApiError {
        int page = positive(r.query("page"), DEFAULT_PAGE, "page");
        int pageSize = positive(r.query("pageSize"), DEFAULT_PAGE_SIZE, "pageSize");
        if (pageSize > MAX_PAGE_SIZE) {
            throw ApiError.badRequest("pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (page > Integer.MAX_VALUE / pageSize) {
            throw ApiError.badRequest("page is too large");
        }
        return new Paging(page, pageSize);
    }

    private static int positive(String raw, int defaultValue, String name) throws ApiError {
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1) {
            throw ApiError.badRequest(name + " must be a positive integer");
        }
        return value;
    }

    /** {@code status}: "", all, online or offline (case-insensitive). */
    static String status(WebRequest r) throws ApiError {
        String status = r.query("status").toLowerCase(Locale.ROOT);
        return switch (status) {
            case "", "all", "online", "offline" -> status;
            default -> throw ApiError.badRequest("status must be one of all, online, offline");
        };
    }

    /** {@code type}: "" for all, else one of frp's proxy types. */
    static String proxyType(WebRequest r) throws ApiError {
        String type = r.query("type").toLowerCase(Locale.ROOT);
        if (type.isEmpty() || DashboardApiV2.PROXY_TYPES.contains(type)) {
            return type;
        }
        throw ApiError.badRequest("type must be one of tcp, udp, http, https, tcpmux, stcp, xtcp, sudp");
    }

    /** {@code type} of the prune call: required, only offline_proxies. */
    static String pruneType(WebRequest r) throws ApiError {
        String type = r.query("type").toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
            throw ApiError.badRequest("type is required");
        }
        if (!type.equals(DashboardApiV2.PRUNE_OFFLINE_PROXIES)) {
            throw ApiError.badRequest("type must be one of offline_proxies");
        }
        return type;
    }

    /** Whether {@code q} (already lower case) is in any of {@code values}, ignoring case. */
    static boolean matches(String q, List<String> values) {
        for (String v : values) {
            if (v != null && v.toLowerCase(Locale.ROOT).contains(q)) {
                return true;
            }
        }
        return false;
    }
}
