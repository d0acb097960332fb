package io.jfrp.server.web;

import io.jfrp.server.monitor.ClientRecord;
import io.jfrp.server.monitor.ClientRegistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The filters of a dashboard client listing, the same in API v1 and v2 but for their query names:
 * user, client id, run id and online status; an empty client id or run id admits every client.
 *
 * @param user     the user to list, or null for every user (v1 passes an empty {@code user} as null,
 *                 v2 lists the clients without a user for {@code user=})
 * @param status   "", "all", "online" or "offline" (see {@link DashboardApiV1#statusMatches})
 * @param strict   whether an unknown status admits nothing (v2) rather than everything (v1)
 */
record ClientFilter(String user, String clientId, String runId, String status, boolean strict) {
    /** frp's client order: user, then clientID, then key. */
    static final Comparator<V1Model.ClientInfoResp> CLIENT_ORDER = Comparator.comparing(V1Model.ClientInfoResp::user)
            .thenComparing(V1Model.ClientInfoResp::clientID)
            .thenComparing(V1Model.ClientInfoResp::key);

    /** The views of the clients this filter and {@code also} admit, in frp's order. */
    List<V1Model.ClientInfoResp> list(ClientRegistry clients, Predicate<V1Model.ClientInfoResp> also) {
        List<V1Model.ClientInfoResp> out = new ArrayList<>();
        for (ClientRecord c : clients.list()) {
            if (admits(c)) {
                V1Model.ClientInfoResp info = Views.client(c);
                if (also.test(info)) {
                    out.add(info);
                }
            }
        }
        out.sort(CLIENT_ORDER);
        return out;
    }

    private boolean admits(ClientRecord c) {
        return (user == null || c.user().equals(user))
                && (clientId.isEmpty() || c.clientId().equals(clientId))
                && (runId.isEmpty() || c.runId().equals(runId))
                && DashboardApiV1.statusMatches(c.online(), status, strict);
    }
}
