package io.userasset.events;

/** Internal control flow: thrown where a rejection is decided, caught by {@link EventParser}. */
final class Reject extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final transient Rejection rejection;

    Reject(Rejection rejection) {
        super(rejection.message(), null, false, false); // no stack trace: this is not an error
        this.rejection = rejection;
    }

    Reject(RejectionCode code, String path, String message) {
        this(new Rejection(code, path, message));
    }
}
