package io.jfrp.protocol.msg;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.soabase.recordbuilder.core.RecordBuilder;

import java.util.Map;

/**
 * The first message on a control connection: the client introduces itself and authenticates
 * (frp's {@code msg.Login}, type {@code 'o'}). The server answers with {@link LoginResp}.
 *
 * @param version      client version, e.g. {@code 0.70.0}
 * @param hostname     client host name (stock frpc 0.70 sends Go's {@code os.Hostname()}; frps lists it)
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
@RecordBuilder
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

    /** A builder (generated, see {@link LoginBuilder}); unset fields take their zero values. */
    public static LoginBuilder builder() {
        return LoginBuilder.builder();
    }

    public LoginBuilder toBuilder() {
        return LoginBuilder.builder(this);
    }
}
