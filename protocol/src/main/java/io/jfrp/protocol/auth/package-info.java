/**
 * frp's authentication: {@code privilege_key = hex(MD5(token + unix seconds))} on Login (and, when
 * the client enables the extra scopes, on Ping and NewWorkConn), and the visitors'
 * {@code sign_key = hex(MD5(secretKey + unix seconds))}. Keys are compared in constant time.
 *
 * <p>{@link io.jfrp.protocol.auth.AuthVerifier} and {@link io.jfrp.protocol.auth.AuthSigner} are the
 * seams of an auth method (frp's Verifier and Setter); {@link io.jfrp.protocol.auth.TokenAuthenticator}
 * is the token method. {@link io.jfrp.protocol.auth.VisitorAuthenticator} checks visitors, whatever
 * the method. Both also check that the timestamp is fresh, which stock frps does not.
 */
package io.jfrp.protocol.auth;
