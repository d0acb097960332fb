/**
 * frp's stream encryption: AES-128 in CFB mode with 128-bit feedback, key =
 * PBKDF2-HMAC-SHA1(secret, salt "frp", 64 iterations, 16 bytes), each direction starting with its own
 * random 16-byte IV in the clear. There is no MAC: this hides content, it does not authenticate it
 * (that is TLS's job). Used on the control stream after login (secret = the token) and on work and
 * visitor connections of proxies with {@code use_encryption} (the token, or the visitor's secret key).
 */
package io.jfrp.protocol.crypto;
