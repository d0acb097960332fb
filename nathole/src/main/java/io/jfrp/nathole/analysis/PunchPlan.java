package io.jfrp.nathole.analysis;

import io.jfrp.nathole.NatFeature;
import io.jfrp.protocol.msg.NatHoleResp;

import java.util.Objects;

/**
 * The coordinator's decision for one session: the two NatHoleResp messages and what led to them.
 *
 * @param sid              the session
 * @param analysisKey      where a success is scored
 * @param recommendation   the mode, row and behaviours chosen
 * @param clientFeature    the proxy client's NAT
 * @param visitorFeature   the visitor's NAT
 * @param clientResponse   for the proxy client (its transaction id, the visitor's addresses)
 * @param visitorResponse  for the visitor (its transaction id, the client's addresses)
 */
public record PunchPlan(String sid, String analysisKey, Recommendation recommendation, NatFeature clientFeature,
                        NatFeature visitorFeature, NatHoleResp clientResponse, NatHoleResp visitorResponse) {

    public PunchPlan {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(analysisKey, "analysisKey");
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(clientFeature, "clientFeature");
        Objects.requireNonNull(visitorFeature, "visitorFeature");
        Objects.requireNonNull(clientResponse, "clientResponse");
        Objects.requireNonNull(visitorResponse, "visitorResponse");
    }
}
