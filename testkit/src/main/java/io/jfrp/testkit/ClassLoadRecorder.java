package io.jfrp.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class loader that defines the classes of the given packages itself, from its parent's class
 * files, and records each one it defines; the other classes come from the parent. The classes it
 * defines are verified when linked (as every class outside the JDK is), so what it records includes
 * the classes the verifier loads to check a method's types, which a class-data archive made from a
 * program's loaded classes then holds too: a test of what a path through the code loads, for the
 * memory an idle program keeps (docs/PERFORMANCE.md, "Memory and start-up").
 */
public final class ClassLoadRecorder extends ClassLoader {
    private final List<String> packages;
    private final Set<String> defined = ConcurrentHashMap.newKeySet();

    static {
        registerAsParallelCapable();
    }

    /**
     * @param packages the name prefixes (such as {@code "io.jfrp."}) of the classes this loader
     *                 defines and records; the rest are its parent's
     */
    public ClassLoadRecorder(ClassLoader parent, String... packages) {
        super(parent);
        this.packages = List.of(packages);
    }

    /** The names of the classes this loader has defined so far. */
    public Set<String> defined() {
        return Set.copyOf(defined);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (packages.stream().noneMatch(name::startsWith)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = define(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> define(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            Class<?> c = defineClass(name, bytes, 0, bytes.length);
            defined.add(name);
            return c;
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
