package io.userasset.adapters.dynamodb;

import io.userasset.domain.assessment.ScoresCodec;
import io.userasset.domain.profile.ProfileCodec;
import io.userasset.events.ProfileKey;
import io.userasset.ports.StoredProfile;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** Converts between stored profiles and profile items (typed, or raw attribute maps from a stream or scan). */
public final class ProfileItems {
    private ProfileItems() {}

    public static StoredProfile toProfile(ProfileItem item, int windowWeeks) {
        return new StoredProfile(ProfileKey.fromStorageKey(item.getPk()), item.getVersion(),
                ProfileCodec.decode(item.getFacts().asByteArrayUnsafe(), windowWeeks),
                item.getScores() == null ? null : ScoresCodec.decode(item.getScores().asByteArrayUnsafe()),
                item.getMarks() == null ? null : ScoresCodec.decodeMarks(item.getMarks().asByteArrayUnsafe()),
                item.getTtl());
    }

    /** From the SDK's raw attribute map (Scan pages, stream images converted to SDK attribute values). */
    public static StoredProfile toProfile(Map<String, AttributeValue> item, int windowWeeks) {
        return toProfile(ProfileItem.SCHEMA.mapToItem(item), windowWeeks);
    }

    /** The partition key attribute, and the attribute that says who wrote the item (INGEST or DAILY). */
    public static final String KEY = "pk";
    public static final String WRITER = "w";
    public static final String INGEST = "ingest";
    public static final String DAILY = "daily";

    public static ProfileItem toItem(StoredProfile p, String writer) {
        ProfileItem item = new ProfileItem();
        item.setPk(p.key().storageKey());
        item.setVersion(p.version());
        item.setFacts(SdkBytes.fromByteArrayUnsafe(ProfileCodec.encode(p.facts())));
        if (p.scores() != null) {
            item.setScores(SdkBytes.fromByteArrayUnsafe(ScoresCodec.encode(p.scores())));
            item.setStage(p.scores().stage().id());
            item.setTier(p.scores().tier().id());
            item.setRisk(p.scores().riskLevel().id());
        }
        if (p.marks().latest() != null) item.setMarks(SdkBytes.fromByteArrayUnsafe(ScoresCodec.encode(p.marks())));
        item.setWriter(writer);
        item.setTtl(p.expiresAtEpochSecond());
        return item;
    }
}
