/**
 * How jfrpc proves who it is: frp's token method ({@code protocol.auth.TokenAuthenticator}) or
 * OIDC ({@link io.jfrp.client.auth.OidcTokenSigner}), chosen by auth.method in
 * {@link io.jfrp.client.auth.ClientAuth}.
 */
package io.jfrp.client.auth;
