package org.distriplace.core.wire;

/**
 * Why a peer frame could not become a message. Decoding never throws: bad input becomes one of these.
 *
 * @param reason  the class of fault, for counting and logging
 * @param message a short human-readable explanation (never a stack trace)
 */
public record DecodeError(Reason reason, String message) {

    /** Classes of decode fault. */
    public enum Reason { TOO_LARGE, MALFORMED_JSON, MISSING_TYPE, UNKNOWN_TYPE, BAD_FIELD, MALFORMED_BINARY }
}
