package io.userasset.adapters.dynamodb;

import io.userasset.domain.profile.KeyArchive;
import io.userasset.domain.profile.KeyArchiveRef;
import io.userasset.domain.profile.ProfileCodec;
import io.userasset.events.ProfileKey;
import io.userasset.ports.KeyArchiveStore;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

/**
 * Key archives in the engine table: pk "keys#" + the profile's storage key, sk the archive id in
 * hex, {@code k} the archive (ProfileCodec), {@code ttl}. Superseded archives are left to TTL:
 * deleting one would cost as many write units as writing it.
 */
public final class DynamoKeyArchiveStore implements KeyArchiveStore {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoKeyArchiveStore(DynamoDbClient dynamoDb, String engineTable) {
        this.dynamoDb = dynamoDb;
        this.table = engineTable;
    }

    @Override
    public void save(ProfileKey owner, KeyArchive archive, long expiresAtEpochSecond) {
        Map<String, AttributeValue> key = key(owner, archive.id());
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of(
                "pk", key.get("pk"), "sk", key.get("sk"),
                "k", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(ProfileCodec.encodeKeyArchive(archive))),
                "ttl", AttributeValue.fromN(Long.toString(expiresAtEpochSecond)))));
    }

    /**
     * An eventually consistent read first (half the cost; an archive never changes once written),
     * then a strongly consistent one if a just-written archive is not visible yet.
     */
    @Override
    public Optional<KeyArchive> load(ProfileKey owner, KeyArchiveRef ref) {
        Map<String, AttributeValue> key = key(owner, ref.id());
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key)).item();
        if (item == null || item.isEmpty()) item = dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(ProfileCodec.decodeKeyArchive(item.get("k").b().asByteArrayUnsafe()));
    }

    private static Map<String, AttributeValue> key(ProfileKey owner, long id) {
        return Map.of("pk", AttributeValue.fromS("keys#" + owner.storageKey()), "sk", AttributeValue.fromS(Long.toHexString(id)));
    }
}
