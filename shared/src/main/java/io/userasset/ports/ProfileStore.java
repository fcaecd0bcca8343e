package io.userasset.ports;

import io.userasset.events.ProfileKey;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where profiles live. Writes are conditional on the version a profile was read at, so that
 * concurrent writers never lose each other's updates: the loser gets {@link VersionConflict},
 * re-reads and folds again.
 */
public interface ProfileStore {

    /** Loads the given profiles; missing ones are absent from the result. Eventually consistent is fine. */
    Map<ProfileKey, StoredProfile> loadAll(Collection<ProfileKey> keys);

    /** Loads one profile with a strongly consistent read (after a conflict). Null when missing. */
    StoredProfile loadLatest(ProfileKey key);

    /** Writes the profile if its stored version is still {@code profile.version()}. */
    void write(StoredProfile profile) throws VersionConflict;

    /** Writes the profiles atomically, each conditional on its version (linking anonymous visitors). */
    void writeAll(List<StoredProfile> profiles) throws VersionConflict;

    /** A conditional write lost to a concurrent writer. */
    final class VersionConflict extends Exception {
        public VersionConflict(String message) {
            super(message, null, false, false);
        }
    }
}
