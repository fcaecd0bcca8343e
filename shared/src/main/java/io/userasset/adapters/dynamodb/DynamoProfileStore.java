package io.userasset.adapters.dynamodb;

import io.userasset.adapters.InParallel;
import io.userasset.events.ProfileKey;
import io.userasset.ports.ProfileStore;
import io.userasset.ports.StoredProfile;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Profiles in DynamoDB, through the Enhanced Client; versions enforced by VersionedRecordExtension. */
public final class DynamoProfileStore implements ProfileStore {
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<ProfileItem> table;
    private final int windowWeeks;
    private final String writer;

    /** @param writer tag stored with every write: {@link ProfileItems#INGEST} or {@link ProfileItems#DAILY} */
    public DynamoProfileStore(DynamoDbEnhancedClient enhanced, String tableName, int windowWeeks, String writer) {
        this.enhanced = enhanced;
        this.table = enhanced.table(tableName, ProfileItem.SCHEMA);
        this.windowWeeks = windowWeeks;
        this.writer = writer;
    }

    @Override
    public Map<ProfileKey, StoredProfile> loadAll(Collection<ProfileKey> keys) {
        List<ProfileKey> all = new ArrayList<>(keys);
        List<List<ProfileKey>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH_GET_LIMIT) {
            chunks.add(all.subList(from, Math.min(all.size(), from + BATCH_GET_LIMIT)));
        }
        Map<ProfileKey, StoredProfile> out = new HashMap<>(keys.size() * 2);
        for (List<StoredProfile> found : InParallel.map(chunks, this::loadChunk)) {
            for (StoredProfile p : found) out.put(p.key(), p);
        }
        return out;
    }

    private List<StoredProfile> loadChunk(List<ProfileKey> keys) {
        ReadBatch.Builder<ProfileItem> batch = ReadBatch.builder(ProfileItem.class).mappedTableResource(table);
        for (ProfileKey key : keys) batch.addGetItem(Key.builder().partitionValue(key.storageKey()).build());
        List<StoredProfile> found = new ArrayList<>(keys.size());
        // The paginated result re-requests unprocessed keys until none are left.
        for (BatchGetResultPage page : enhanced.batchGetItem(BatchGetItemEnhancedRequest.builder().readBatches(batch.build()).build())) {
            for (ProfileItem item : page.resultsForTable(table)) found.add(toProfile(item));
        }
        return found;
    }

    @Override
    public StoredProfile loadLatest(ProfileKey key) {
        ProfileItem item = table.getItem(r -> r.key(k -> k.partitionValue(key.storageKey())).consistentRead(true));
        return item == null ? null : toProfile(item);
    }

    @Override
    public void write(StoredProfile profile) throws VersionConflict {
        try {
            table.putItem(toItem(profile));
        } catch (ConditionalCheckFailedException e) {
            throw new VersionConflict(profile.key() + " changed since version " + profile.version());
        }
    }

    @Override
    public void writeAll(List<StoredProfile> profiles) throws VersionConflict {
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder();
        for (StoredProfile p : profiles) tx.addPutItem(table, toItem(p));
        try {
            enhanced.transactWriteItems(tx.build());
        } catch (TransactionCanceledException e) {
            if (onlyConflicts(e)) throw new VersionConflict("linked profiles changed concurrently: " + reasons(e));
            throw e;
        }
    }

    private static boolean onlyConflicts(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) return false;
        for (CancellationReason r : e.cancellationReasons()) {
            String code = r.code();
            if (code != null && !code.equals("None") && !code.equals("ConditionalCheckFailed") && !code.equals("TransactionConflict")) {
                return false;
            }
        }
        return true;
    }

    private static String reasons(TransactionCanceledException e) {
        return e.hasCancellationReasons() ? e.cancellationReasons().stream().map(CancellationReason::code).toList().toString() : "[]";
    }

    private StoredProfile toProfile(ProfileItem item) {
        return ProfileItems.toProfile(item, windowWeeks);
    }

    private ProfileItem toItem(StoredProfile p) {
        return ProfileItems.toItem(p, writer);
    }
}
