package io.jfrp.testkit;

import java.util.List;

/**
 * Tearing down what a test made, last made first, without letting one failure leave the rest
 * behind: every step is attempted, and the first failure is thrown with the later ones suppressed
 * on it (as try-with-resources does).
 */
public final class Closing {
    /** One step of a tear-down, applied to one item. */
    @FunctionalInterface
    public interface Step<T, E extends Exception> {
        void apply(T item) throws E;
    }

    private Closing() {
    }

    /**
     * Applies {@code step} to each of {@code items}, the last first, every one even after a failure;
     * then throws the first failure, the others suppressed on it.
     */
    @SuppressWarnings("unchecked") // step throws only E or unchecked exceptions
    public static <T, E extends Exception> void lastFirst(List<? extends T> items, Step<? super T, E> step) throws E {
        Exception first = null;
        for (int i = items.size() - 1; i >= 0; i--) {
            try {
                step.apply(items.get(i));
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw (E) first;
        }
    }
}
