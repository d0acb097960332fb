package io.jfrp.classpath;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars only some features need, added to the class path the first time one of them is used,
 * so that an idle program never pays for them (issue 16).
 *
 * <p>The optional jars are Bouncy Castle (certificate authority, encrypted or traditional PEM, frp
 * wire v2's XChaCha20), the OIDC stack (oauth2-oidc-sdk, nimbus-jose-jwt and theirs), MINA SSHD (the
 * SSH tunnel gateway), Micrometer with Prometheus (the metrics endpoint) and Jackson's YAML module
 * with snakeyaml (YAML configuration files). Each jar on the class
 * path costs a JVM its zip central directory once a look-up opens it (a {@code ServiceLoader} opens
 * them all), and in the class-data-sharing archive its manifest and class-path entries, while an
 * idle program loads none of their classes (figures: docs/PERFORMANCE.md, "Memory and start-up").
 *
 * <h3>How</h3>
 * The launchers (bin/jfrps, bin/jfrpc and a release's) put only the always-needed jars on
 * {@code -cp}, name the optional ones in the system property {@value #PROPERTY} (a class path; an
 * entry {@code DIR/*} is every jar of DIR) and open {@code jdk.internal.loader} to this code. The
 * first {@link #require()} appends each to the system class loader with the method the JDK's
 * {@code Instrumentation.appendToSystemClassLoaderSearch} uses, so that every class, wherever it is
 * loaded from, sees them as if they had been on {@code -cp}. A Java agent would reach the same
 * method through a public API, but its JVMTI class-file hook makes every later class load read its
 * bytes from the jar; both it and {@code --add-opens} turn off the archived module graph, which costs
 * nothing measurable in RSS.
 *
 * <p>Without the property (Maven's tests, an IDE, a hand-made {@code java -cp} with every jar)
 * {@link #require()} does nothing: the jars are already on the class path.
 *
 * <h3>Callers</h3>
 * A feature calls {@link #require()} before the first class that names an optional type is loaded,
 * that is, before executing the code that creates, calls or links it (loading such a class can load
 * the optional types it names, and fails if they are missing). The callers: {@code
 * CertificateAuthority}, {@code PemFiles} (Bouncy Castle's reader), frp wire v2's handshake
 * handlers, the OIDC signer and verifier, the SSH tunnel gateway, the Prometheus metrics and the
 * YAML configuration reader.
 */
public final class OptionalJars {
    /** The system property the launchers set: the optional jars, as a class path. */
    public static final String PROPERTY = "jfrp.optional.path";

    /** Whether the jars have been added (or need not be); once true, never false again. */
    private static volatile boolean added;

    private OptionalJars() {
    }

    /**
     * Adds the optional jars to the system class loader, once; returns at once afterwards.
     *
     * @throws IllegalStateException when the jars are named but cannot be added (a missing jar,
     *         or a JVM started without {@code --add-opens java.base/jdk.internal.loader=ALL-UNNAMED})
     */
    public static void require() {
        if (added) {
            return;
        }
        synchronized (OptionalJars.class) {
            if (!added) {
                String path = System.getProperty(PROPERTY, "");
                if (!path.isEmpty()) {
                    append(ClassLoader.getSystemClassLoader(), jars(path));
                }
                added = true;
            }
        }
    }

    /** The jars of class path {@code path}, in order: files as named, {@code DIR/*} as DIR's jars by name. */
    static List<Path> jars(String path) {
        List<Path> jars = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.endsWith("/*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 2));
                List<Path> found = new ArrayList<>();
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
                    stream.forEach(found::add);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot list the optional jars in " + dir + " (" + PROPERTY + ")", e);
                }
                found.sort(null);
                jars.addAll(found);
            } else {
                Path jar = Path.of(entry);
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException("optional jar " + jar + " (" + PROPERTY + ") is missing");
                }
                jars.add(jar);
            }
        }
        return jars;
    }

    private static void append(ClassLoader system, List<Path> jars) {
        Method append;
        try {
            append = system.getClass().getDeclaredMethod("appendToClassPathForInstrumentation", String.class);
            append.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot add the optional jars to the class path of this JVM ("
                    + system.getClass().getName() + "); start it with --add-opens "
                    + "java.base/jdk.internal.loader=ALL-UNNAMED, or put them on -cp and leave " + PROPERTY + " unset", e);
        }
        for (Path jar : jars) {
            try {
                append.invoke(system, jar.toString());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot add optional jar " + jar + " to the class path", e);
            }
        }
    }
}
