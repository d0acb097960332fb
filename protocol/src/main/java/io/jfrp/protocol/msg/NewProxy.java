package io.jfrp.protocol.msg;

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

    /** A builder for a proxy of the given name and type. */
    public static Builder builder(String proxyName, String proxyType) {
        return new Builder().proxyName(proxyName).proxyType(proxyType);
    }

    public Builder toBuilder() {
        return new Builder().proxyName(proxyName).proxyType(proxyType).useEncryption(useEncryption)
                .useCompression(useCompression).bandwidthLimit(bandwidthLimit)
                .bandwidthLimitMode(bandwidthLimitMode).group(group).groupKey(groupKey).metas(metas)
                .annotations(annotations).remotePort(remotePort).customDomains(customDomains)
                .subdomain(subdomain).locations(locations).httpUser(httpUser).httpPwd(httpPwd)
                .hostHeaderRewrite(hostHeaderRewrite).headers(headers).responseHeaders(responseHeaders)
                .routeByHttpUser(routeByHttpUser).sk(sk).allowUsers(allowUsers).multiplexer(multiplexer);
    }

    /** Builds a {@link NewProxy}; unset fields take their zero values. */
    public static final class Builder {
        private String proxyName;
        private String proxyType;
        private boolean useEncryption;
        private boolean useCompression;
        private String bandwidthLimit;
        private String bandwidthLimitMode;
        private String group;
        private String groupKey;
        private Map<String, String> metas;
        private Map<String, String> annotations;
        private int remotePort;
        private List<String> customDomains;
        private String subdomain;
        private List<String> locations;
        private String httpUser;
        private String httpPwd;
        private String hostHeaderRewrite;
        private Map<String, String> headers;
        private Map<String, String> responseHeaders;
        private String routeByHttpUser;
        private String sk;
        private List<String> allowUsers;
        private String multiplexer;

        private Builder() {
        }

        public Builder proxyName(String v) {
            this.proxyName = v;
            return this;
        }

        public Builder proxyType(String v) {
            this.proxyType = v;
            return this;
        }

        public Builder useEncryption(boolean v) {
            this.useEncryption = v;
            return this;
        }

        public Builder useCompression(boolean v) {
            this.useCompression = v;
            return this;
        }

        public Builder bandwidthLimit(String v) {
            this.bandwidthLimit = v;
            return this;
        }

        public Builder bandwidthLimitMode(String v) {
            this.bandwidthLimitMode = v;
            return this;
        }

        public Builder group(String v) {
            this.group = v;
            return this;
        }

        public Builder groupKey(String v) {
            this.groupKey = v;
            return this;
        }

        public Builder metas(Map<String, String> v) {
            this.metas = v;
            return this;
        }

        public Builder annotations(Map<String, String> v) {
            this.annotations = v;
            return this;
        }

        public Builder remotePort(int v) {
            this.remotePort = v;
            return this;
        }

        public Builder customDomains(List<String> v) {
            this.customDomains = v;
            return this;
        }

        public Builder subdomain(String v) {
            this.subdomain = v;
            return this;
        }

        public Builder locations(List<String> v) {
            this.locations = v;
            return this;
        }

        public Builder httpUser(String v) {
            this.httpUser = v;
            return this;
        }

        public Builder httpPwd(String v) {
            this.httpPwd = v;
            return this;
        }

        public Builder hostHeaderRewrite(String v) {
            this.hostHeaderRewrite = v;
            return this;
        }

        public Builder headers(Map<String, String> v) {
            this.headers = v;
            return this;
        }

        public Builder responseHeaders(Map<String, String> v) {
            this.responseHeaders = v;
            return this;
        }

        public Builder routeByHttpUser(String v) {
            this.routeByHttpUser = v;
            return this;
        }

        public Builder sk(String v) {
            this.sk = v;
            return this;
        }

        public Builder allowUsers(List<String> v) {
            this.allowUsers = v;
            return this;
        }

        public Builder multiplexer(String v) {
            this.multiplexer = v;
            return this;
        }

        public NewProxy build() {
            return new NewProxy(proxyName, proxyType, useEncryption, useCompression, bandwidthLimit,
                    bandwidthLimitMode, group, groupKey, metas, annotations, remotePort, customDomains,
                    subdomain, locations, httpUser, httpPwd, hostHeaderRewrite, headers, responseHeaders,
                    routeByHttpUser, sk, allowUsers, multiplexer);
        }
    }
}
