package org.distriplace.core.node;

/** A refused placement: the code, a message a person can act on, and for COOLDOWN the time left. */
public final class PlaceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final PlaceError code;
    private final long remainingMs;

    public PlaceException(PlaceError code, String message) {
        this(code, message, 0);
    }

    public PlaceException(PlaceError code, String message, long remainingMs) {
        super(message, null, false, false);
        this.code = code;
        this.remainingMs = remainingMs;
    }

    public PlaceError code() {
        return code;
    }

    /** For COOLDOWN: milliseconds until the user may place again. */
    public long remainingMs() {
        return remainingMs;
    }

    /** Remaining cooldown in whole seconds, rounded up. */
    public long remainingSeconds() {
        return (remainingMs + 999) / 1000;
    }
}
