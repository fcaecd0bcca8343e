package io.userasset.ports;

import io.userasset.domain.profile.KeyArchive;
import io.userasset.domain.profile.KeyArchiveRef;
import io.userasset.events.ProfileKey;

import java.util.Optional;

/**
 * Where the deduplication keys that do not fit in a profile item are kept (see {@link KeyArchive}).
 * An archive is written once, before the profile write that refers to it, and never changed.
 */
public interface KeyArchiveStore {

    /** Stores the archive; it may be deleted after {@code expiresAtEpochSecond}. */
    void save(ProfileKey owner, KeyArchive archive, long expiresAtEpochSecond);

    /** The archive a profile refers to; empty when it does not exist (expired, or never stored). */
    Optional<KeyArchive> load(ProfileKey owner, KeyArchiveRef ref);
}
