package io.jfrp.protocol.msg;

import io.soabase.recordbuilder.core.RecordBuilder;

import java.util.List;
import java.util.Map;

/**
 * A client's request to start one proxy (frp's {@code msg.NewProxy}, type {@code 'p'}), answered
 * by {@link NewProxyResp}. Which fields matter depends on {@code proxyType}.
 *
 * @param proxyName          proxy name, {@code user.name} when the client set a user
 * @param proxyType          {@code tcp}, {@code udp}, {@code http}, {@code https}, {@code tcpmux},
 *                           {@code stcp}, {@code sudp}, {@code xtcp}
 * @param useEncryption      wrap work connections in AES-128-CFB
 * @param useCompression     wrap work connections in snappy framing
 * @param bandwidthLimit     e.g. {@code 1MB}, empty for none
 * @param bandwidthLimitMode {@code client} or {@code server}
 * @param group              load-balancing group
 * @param groupKey           load-balancing group key
 * @param metas              user metadata
 * @param annotations        annotations shown on the server dashboard
 * @param remotePort         tcp/udp: public port on the server (0 = server chooses)
 * @param customDomains      http/https/tcpmux: domains
 * @param subdomain          http/https/tcpmux: sub-domain of the server's {@code subDomainHost}
 * @param locations          http: URL path prefixes
 * @param httpUser           http: basic-auth user
 * @param httpPwd            http: basic-auth password
 * @param hostHeaderRewrite  http: rewritten Host header
 * @param headers            http: request headers to set
 * @param responseHeaders    http: response headers to set
 * @param routeByHttpUser    http/tcpmux: route by basic-auth user
 * @param sk                 stcp/sudp/xtcp: secret key visitors must prove
 * @param allowUsers         stcp/sudp/xtcp: users allowed to visit ({@code *} = all)
 * @param multiplexer        tcpmux: multiplexer, {@code httpconnect}
 */
@RecordBuilder
public record NewProxy(
        String proxyName,
        String proxyType,
        boolean useEncryption,
        boolean useCompression,
        String bandwidthLimit,
        String bandwidthLimitMode,
        String group,
        String groupKey,
        Map<String, String> metas,
        Map<String, String> annotations,
        int remotePort,
        List<String> customDomains,
        String subdomain,
        List<String> locations,
        String httpUser,
        String httpPwd,
        String hostHeaderRewrite,
        Map<String, String> headers,
        Map<String, String> responseHeaders,
        String routeByHttpUser,
        String sk,
        List<String> allowUsers,
        String multiplexer) implements Message {

    public NewProxy {
        proxyName = Values.str(proxyName);
        proxyType = Values.str(proxyType);
        bandwidthLimit = Values.str(bandwidthLimit);
        bandwidthLimitMode = Values.str(bandwidthLimitMode);
        group = Values.str(group);
        groupKey = Values.str(groupKey);
        metas = Values.stringMap(metas);
        annotations = Values.stringMap(annotations);
        customDomains = Values.strings(customDomains);
        subdomain = Values.str(subdomain);
        locations = Values.strings(locations);
        httpUser = Values.str(httpUser);
        httpPwd = Values.str(httpPwd);
        hostHeaderRewrite = Values.str(hostHeaderRewrite);
        headers = Values.stringMap(headers);
        responseHeaders = Values.stringMap(responseHeaders);
        routeByHttpUser = Values.str(routeByHttpUser);
        sk = Values.str(sk);
        allowUsers = Values.strings(allowUsers);
        multiplexer = Values.str(multiplexer);
    }

    /** A builder (generated, see {@link NewProxyBuilder}) for a proxy of the given name and type. */
    public static NewProxyBuilder builder(String proxyName, String proxyType) {
        return NewProxyBuilder.builder().proxyName(proxyName).proxyType(proxyType);
    }

    public NewProxyBuilder toBuilder() {
        return NewProxyBuilder.builder(this);
    }
}
