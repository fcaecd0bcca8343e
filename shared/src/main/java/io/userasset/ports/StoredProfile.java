package io.userasset.ports;

import io.userasset.domain.profile.ProfileFacts;
import io.userasset.events.ProfileKey;

/**
 * A profile as stored: its facts plus the optimistic-locking version it was read at (null when it
 * does not exist yet) and, for anonymous visitors, when it expires.
 *
 * @param expiresAtEpochSecond TTL of anonymous profiles; null for users, who never expire
 */
public record StoredProfile(ProfileKey key, Long version, ProfileFacts facts, Long expiresAtEpochSecond) {

    public boolean exists() {
        return version != null;
    }
}
