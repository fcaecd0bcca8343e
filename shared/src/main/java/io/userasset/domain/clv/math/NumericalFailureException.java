package io.userasset.domain.clv.math;

/**
 * A numerical procedure could not produce a trustworthy value (series did not converge, overflow,
 * invalid argument). Thrown instead of returning NaN or a garbage number.
 */
public class NumericalFailureException extends ArithmeticException {
    public NumericalFailureException(String message) {
        super(message);
    }
}
