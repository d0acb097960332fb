package io.jfrp.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM with the JDK alone, for the files jfrp writes itself and most others: {@code CERTIFICATE}
 * blocks and unencrypted PKCS#8 {@code PRIVATE KEY} blocks of EC or RSA keys. Bouncy Castle reads
 * everything else ({@link PemFiles}), but its signed jars cannot be kept in a class-data-sharing
 * archive and are verified on every start, which costs jfrps several hundred milliseconds of CPU;
 * so {@link PemFiles} asks this class first and uses Bouncy Castle only for what this declines.
 *
 * <p>Every method returns null (never throws for content) when the file holds anything it does not
 * read exactly, so that the caller's full reader decides and words the error. Stateless.
 */
final class JdkPem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Pattern BASE64_BODY = Pattern.compile("[A-Za-z0-9+/=\\s]*");

    private JdkPem() {
    }

    /** A PEM block: its label and its DER bytes. */
    record Block(String label, byte[] der) {
    }

    /** The blocks of {@code file}, or null when one is not plain base64 (headers, bad characters). */
    static List<Block> blocks(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "PEM file not found");
        } catch (java.nio.charset.MalformedInputException e) {
            return null;
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            if (!BASE64_BODY.matcher(body).matches()) {
                return null; // encryption headers (Proc-Type) or garbage: the full reader explains
            }
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return blocks;
    }

    /** Every certificate of a file holding only CERTIFICATE blocks, or null. */
    static List<X509Certificate> certificates(Path file) throws IOException {
        List<Block> blocks = blocks(file);
        if (blocks == null || blocks.isEmpty()
                || blocks.stream().anyMatch(b -> !b.label().equals("CERTIFICATE"))) {
            return null;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>(blocks.size());
            for (Block b : blocks) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            }
            return certificates;
        } catch (GeneralSecurityException | ClassCastException e) {
            return null;
        }
    }

    /** The key of a file whose first key block is an EC or RSA PKCS#8 PRIVATE KEY, or null. */
    static PrivateKey privateKey(Path file) throws IOException {
        List<Block> blocks = blocks(file);
        if (blocks == null) {
            return null;
        }
        for (Block b : blocks) {
            if (b.label().equals("PRIVATE KEY")) {
                return pkcs8(b.der());
            }
            if (b.label().contains("PRIVATE KEY")) {
                return null; // EC/RSA traditional or encrypted: the full reader
            }
        }
        return null;
    }

    private static PrivateKey pkcs8(byte[] der) {
        for (String algorithm : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        return null;
    }

    /** PEM text of {@code blocks}: base64 in lines of 64 characters, as OpenSSL writes it. */
    static byte[] encode(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        for (Block b : blocks) {
            out.append("-----BEGIN ").append(b.label()).append("-----\n")
                    .append(base64.encodeToString(b.der())).append('\n')
                    .append("-----END ").append(b.label()).append("-----\n");
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
