package io.jfrp.protocol.auth;

/**
 * A message failed authentication. Three texts, for three readers:
 * <ul>
 *   <li>{@link #getMessage()}: our detailed reason, for the server's log (names the timestamp and
 *       the skew, never a key or the token);</li>
 *   <li>{@link #responseError(boolean) responseError(true)}: the error stock frps sends with
 *       {@code detailedErrorsToClient = true} (its default), e.g.
 *       {@code token in login doesn't match token from configuration};</li>
 *   <li>{@link #responseError(boolean) responseError(false)}: stock frps' summary otherwise, e.g.
 *       {@code register control error}.</li>
 * </ul>
 */
public final class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String clientError;
    private final String clientSummary;

    /** @param logReason our reason; clientError / clientSummary: what a client is told, detailed or not */
    public AuthenticationException(String logReason, String clientError, String clientSummary) {
        super(logReason);
        this.clientError = clientError;
        this.clientSummary = clientSummary;
    }

    /** The error string for the response message ({@code LoginResp.error}, {@code Pong.error}, ...). */
    public String responseError(boolean detailed) {
        return detailed ? clientError : clientSummary;
    }
}
