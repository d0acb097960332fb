package io.jfrp.e2e;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real OpenID provider for tests, as frp's e2e suite has one (mock/server/oidcserver):
 * discovery at {@code /.well-known/openid-configuration}, its RSA key at {@code /jwks}, and a token
 * endpoint ({@code /token}) for the client credentials grant that checks the client's id and secret
 * (HTTP basic or form) and answers a signed JWT (iss, sub, aud, iat, exp), with or without
 * {@code expires_in}. Counts the tokens it gave.
 */
final class OidcProvider implements AutoCloseable {
    static final String CLIENT_ID = "test-client";
    static final String CLIENT_SECRET = "test-secret";
    static final String AUDIENCE = "frps";
    static final String SUBJECT = "test-service";

    private final HttpServer http;
    private final RSAKey key;
    private final boolean expiresIn;
    private final AtomicInteger tokens = new AtomicInteger();
    /** The parameters of the last token request. */
    volatile Map<String, String> lastParams = Map.of();

    OidcProvider(boolean expiresIn) throws Exception {
        this.expiresIn = expiresIn;
        this.key = new RSAKeyGenerator(2048).keyID("test-key-1").generate();
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        http.createContext("/.well-known/openid-configuration", ex -> json(ex, 200, "{\"issuer\":\"" + issuer()
                + "\",\"token_endpoint\":\"" + issuer() + "/token\",\"jwks_uri\":\"" + issuer() + "/jwks\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        http.createContext("/jwks", ex -> json(ex, 200, new JWKSet(key.toPublicJWK()).toString()));
        http.createContext("/token", this::token);
        http.setExecutor(Executors.newFixedThreadPool(2));
        http.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    String tokenEndpoint() {
        return issuer() + "/token";
    }

    int tokensGiven() {
        return tokens.get();
    }

    /** A token as the provider signs them, for {@code audience}, expiring after {@code life}, with {@code signer}. */
    static String sign(RSAKey signer, String issuer, String audience, Duration life) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(SUBJECT).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(life))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    RSAKey key() {
        return key;
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        lastParams = Map.copyOf(form);
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] cred = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            id = URLDecoder.decode(cred[0], StandardCharsets.UTF_8);
            secret = cred.length > 1 ? URLDecoder.decode(cred[1], StandardCharsets.UTF_8) : "";
        }
        if (!"POST".equals(ex.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))) {
            json(ex, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        if (!CLIENT_ID.equals(id) || !CLIENT_SECRET.equals(secret)) {
            json(ex, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        try {
            String jwt = sign(key, issuer(), AUDIENCE, Duration.ofHours(1));
            tokens.incrementAndGet();
            json(ex, 200, "{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\""
                    + (expiresIn ? ",\"expires_in\":3600" : "") + "}");
        } catch (Exception e) {
            json(ex, 500, "{\"error\":\"server_error\"}");
        }
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }

    static List<String> none() {
        return List.of();
    }
}
