package io.userasset.bench;

import io.userasset.adapters.dynamodb.ProfileItem;
import io.userasset.adapters.dynamodb.ProfileItems;
import io.userasset.domain.profile.KeyArchive;
import io.userasset.domain.profile.KeyArchiveRef;
import io.userasset.domain.profile.ProfileCodec;
import io.userasset.events.ProfileKey;
import io.userasset.ports.KeyArchiveStore;
import io.userasset.ports.ProfileStore;
import io.userasset.ports.StoredProfile;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's {@link ProfileStore} port, kept in memory as DynamoDB items: a load decodes an item
 * with the DynamoDB adapter's own conversion ({@link ProfileItems#toProfile}: Enhanced Client schema
 * mapping + ProfileCodec/ScoresCodec decode), a write encodes it the same way ({@link ProfileItems#toItem}
 * + schema mapping) under the same optimistic-locking rule (version must match; stored version + 1).
 * So the CPU work of the adapter stays in the measured path; only the SDK's request marshalling,
 * signing and the HTTP round trip are left out. Key archives are kept encoded the same way
 * ({@link ProfileCodec#encodeKeyArchive}). Single-threaded; times its decode and encode.
 */
final class InMemoryProfileStore implements ProfileStore, KeyArchiveStore {
    private final Map<String, Map<String, AttributeValue>> items;
    private final Map<String, byte[]> archives = new HashMap<>();
    private final int windowWeeks;
    long decodeNanos;
    long encodeNanos;
    long loads;
    long writes;
    long archiveLoads;
    long archiveWrites;

    InMemoryProfileStore(Map<String, Map<String, AttributeValue>> initial, int windowWeeks) {
        this.items = new HashMap<>(initial);
        this.windowWeeks = windowWeeks;
    }

    @Override
    public Map<ProfileKey, StoredProfile> loadAll(Collection<ProfileKey> keys) {
        Map<ProfileKey, StoredProfile> out = new HashMap<>(keys.size() * 2);
        for (ProfileKey key : keys) {
            StoredProfile p = loadLatest(key);
            if (p != null) out.put(key, p);
        }
        return out;
    }

    @Override
    public StoredProfile loadLatest(ProfileKey key) {
        Map<String, AttributeValue> item = items.get(key.storageKey());
        if (item == null) return null;
        long t0 = System.nanoTime();
        StoredProfile p = ProfileItems.toProfile(item, windowWeeks);
        decodeNanos += System.nanoTime() - t0;
        loads++;
        return p;
    }

    @Override
    public void write(StoredProfile profile) throws VersionConflict {
        check(profile);
        put(profile);
    }

    @Override
    public void writeAll(List<StoredProfile> profiles) throws VersionConflict {
        for (StoredProfile p : profiles) check(p);
        for (StoredProfile p : profiles) put(p);
    }

    @Override
    public void save(ProfileKey owner, KeyArchive archive, long expiresAtEpochSecond) {
        long t0 = System.nanoTime();
        byte[] encoded = ProfileCodec.encodeKeyArchive(archive);
        encodeNanos += System.nanoTime() - t0;
        archiveWrites++;
        archives.put(owner.storageKey() + "#" + archive.id(), encoded);
    }

    @Override
    public Optional<KeyArchive> load(ProfileKey owner, KeyArchiveRef ref) {
        byte[] encoded = archives.get(owner.storageKey() + "#" + ref.id());
        if (encoded == null) return Optional.empty();
        long t0 = System.nanoTime();
        KeyArchive archive = ProfileCodec.decodeKeyArchive(encoded);
        decodeNanos += System.nanoTime() - t0;
        archiveLoads++;
        return Optional.of(archive);
    }

    Map<String, AttributeValue> item(String storageKey) {
        return items.get(storageKey);
    }

    private void check(StoredProfile p) throws VersionConflict {
        Map<String, AttributeValue> stored = items.get(p.key().storageKey());
        Long current = stored == null ? null : Long.valueOf(stored.get("v").n());
        if (!Objects.equals(current, p.version())) throw new VersionConflict(p.key() + " changed since version " + p.version());
    }

    private void put(StoredProfile p) {
        long t0 = System.nanoTime();
        ProfileItem item = ProfileItems.toItem(p, ProfileItems.INGEST);
        item.setVersion(p.version() == null ? 1L : p.version() + 1);
        Map<String, AttributeValue> map = ProfileItem.SCHEMA.itemToMap(item, true);
        encodeNanos += System.nanoTime() - t0;
        writes++;
        items.put(p.key().storageKey(), map);
    }
}
