package io.userasset.domain.actions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The deterministic holdout group: a user is held out when SHA-256(salt ":" userId), read as a
 * number, falls in the first {@code percent} % of its range. Same user, same side, every time and in
 * every process; a new salt draws a new group.
 */
public final class Holdout {
    private final String salt;
    private final long threshold;

    public Holdout(String salt, double percent) {
        if (!(percent >= 0 && percent <= 100)) throw new IllegalArgumentException("holdout percent must be in [0, 100]");
        this.salt = salt;
        this.threshold = Math.round(percent / 100.0 * 1_000_000);
    }

    public boolean isHeldOut(String userId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((salt + ":" + userId).getBytes(StandardCharsets.UTF_8));
            long v = ((h[0] & 0xffL) << 24 | (h[1] & 0xffL) << 16 | (h[2] & 0xffL) << 8 | (h[3] & 0xffL)) % 1_000_000;
            return v < threshold;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
