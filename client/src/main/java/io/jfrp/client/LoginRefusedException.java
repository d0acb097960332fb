package io.jfrp.client;

/** The server answered the Login with an error (a wrong token, a stale timestamp, ...). */
public final class LoginRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public LoginRefusedException(String serverError) {
        super("login refused by the server: " + serverError);
    }
}
