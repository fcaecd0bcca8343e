package io.userasset.events;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A positive amount in thousandths of the currency unit. Fixed point, so that sums are exact and
 * the profile fold stays commutative (floating-point addition is not associative).
 */
public record Money(long milli, String currency) {
    public static final int SCALE = 3;

    public Money {
        if (milli <= 0) throw new IllegalArgumentException("amount must be positive: " + milli);
        if (currency == null || currency.length() != 3) throw new IllegalArgumentException("currency must be ISO 4217: " + currency);
    }

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount.setScale(SCALE, RoundingMode.HALF_EVEN).unscaledValue().longValueExact(), currency);
    }

    public BigDecimal amount() {
        return BigDecimal.valueOf(milli, SCALE);
    }

    public double toDouble() {
        return milli / 1000.0;
    }
}
