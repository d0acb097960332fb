package io.jfrp.protocol.msg;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * The first message on a control connection: the client introduces itself and authenticates
 * (frp's {@code msg.Login}, type {@code 'o'}). The server answers with {@link LoginResp}.
 *
 * @param version      client version, e.g. {@code 0.61.1}
 * @param hostname     client host name (stock frpc leaves it empty)
 * @param os           client OS ({@code GOOS} values: {@code linux}, {@code windows}, ...)
 * @param arch         client CPU architecture ({@code GOARCH} values: {@code amd64}, ...)
 * @param user         user name; when set, proxy names on the wire are prefixed {@code user.}
 * @param privilegeKey {@code hex(MD5(token + timestamp))} for the token method
 * @param timestamp    unix seconds the key was computed for
 * @param runId        run id of a previous session when reconnecting, else empty
 * @param clientId     stable client identity (frp ≥ 0.67), else empty
 * @param metas        user metadata ({@code metadatas} in frpc's config)
 * @param clientSpec   always present on the wire (see {@link ClientSpec})
 * @param poolCount    work connections the client wants pre-opened
 */
public record Login(
        String version,
        String hostname,
        String os,
        String arch,
        String user,
        String privilegeKey,
        long timestamp,
        String runId,
        String clientId,
        Map<String, String> metas,
        @JsonInclude(JsonInclude.Include.ALWAYS) ClientSpec clientSpec,
        int poolCount) implements Message {

    public Login {
        version = Values.str(version);
        hostname = Values.str(hostname);
        os = Values.str(os);
        arch = Values.str(arch);
        user = Values.str(user);
        privilegeKey = Values.str(privilegeKey);
        runId = Values.str(runId);
        clientId = Values.str(clientId);
        metas = Values.stringMap(metas);
        clientSpec = clientSpec == null ? ClientSpec.EMPTY : clientSpec;
    }

    /** This login carrying the given authentication key and the timestamp it was computed for. */
    public Login withAuth(String privilegeKey, long timestamp) {
        return toBuilder().privilegeKey(privilegeKey).timestamp(timestamp).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().version(version).hostname(hostname).os(os).arch(arch).user(user)
                .privilegeKey(privilegeKey).timestamp(timestamp).runId(runId).clientId(clientId)
                .metas(metas).clientSpec(clientSpec).poolCount(poolCount);
    }

    /** Builds a {@link Login}; unset fields take their zero values. */
    public static final class Builder {
        private String version;
        private String hostname;
        private String os;
        private String arch;
        private String user;
        private String privilegeKey;
        private long timestamp;
        private String runId;
        private String clientId;
        private Map<String, String> metas;
        private ClientSpec clientSpec;
        private int poolCount;

        private Builder() {
        }

        public Builder version(String v) {
            this.version = v;
            return this;
        }

        public Builder hostname(String v) {
            this.hostname = v;
            return this;
        }

        public Builder os(String v) {
            this.os = v;
            return this;
        }

        public Builder arch(String v) {
            this.arch = v;
            return this;
        }

        public Builder user(String v) {
            this.user = v;
            return this;
        }

        public Builder privilegeKey(String v) {
            this.privilegeKey = v;
            return this;
        }

        public Builder timestamp(long v) {
            this.timestamp = v;
            return this;
        }

        public Builder runId(String v) {
            this.runId = v;
            return this;
        }

        public Builder clientId(String v) {
            this.clientId = v;
            return this;
        }

        public Builder metas(Map<String, String> v) {
            this.metas = v;
            return this;
        }

        public Builder clientSpec(ClientSpec v) {
            this.clientSpec = v;
            return this;
        }

        public Builder poolCount(int v) {
            this.poolCount = v;
            return this;
        }

        public Login build() {
            return new Login(version, hostname, os, arch, user, privilegeKey, timestamp, runId, clientId,
                    metas, clientSpec, poolCount);
        }
    }
}
