/**
 * How jfrps checks who a client is: frp's token method ({@code protocol.auth.TokenAuthenticator})
 * or OIDC ({@link io.jfrp.server.auth.OidcVerifier}), chosen by auth.method in
 * {@link io.jfrp.server.auth.ServerAuth}.
 */
package io.jfrp.server.auth;
