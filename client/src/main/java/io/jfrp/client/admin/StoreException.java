package io.jfrp.client.admin;

/**
 * A store operation that could not be done, with frp's kind of error: the admin API answers 400,
 * 404 or 409 for it, with frp's texts ({@code "not found: proxy \"x\""}).
 */
public final class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    /** frp's error kinds of the store, with their HTTP status. */
    public enum Kind {
        INVALID(400, "invalid argument"),
        NOT_FOUND(404, "not found"),
        CONFLICT(409, "conflict"),
        DISABLED(404, "store disabled"),
        APPLY_FAILED(500, "apply config failed");

        final int status;
        final String prefix;

        Kind(int status, String prefix) {
            this.status = status;
            this.prefix = prefix;
        }
    }

    private final Kind kind;

    public StoreException(Kind kind, String detail) {
        super(kind.prefix + ": " + detail, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of this error. */
    public int status() {
        return kind.status;
    }
}
