package io.jfrp.protocol.msg;

/**
 * The server's answer to {@link Login} (frp's {@code msg.LoginResp}, type {@code '1'}). A non-empty
 * {@code error} means the login was refused and the server closes the connection; otherwise both
 * sides switch the control stream to encryption.
 *
 * @param version server version
 * @param runId   the session's run id (the client's own if it sent one)
 * @param error   why the login failed, empty on success
 */
public record LoginResp(
        String version,
        String runId,
        String error) implements Message {

    /** A successful answer. */
    public static LoginResp success(String version, String runId) {
        return new LoginResp(version, runId, "");
    }

    /** A refusal carrying a client-facing error string. */
    public static LoginResp failure(String version, String error) {
        return new LoginResp(version, "", error);
    }
}
