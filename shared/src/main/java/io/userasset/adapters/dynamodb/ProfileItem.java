package io.userasset.adapters.dynamodb;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The profile item: short attribute names, because names count towards the 1 KB write unit.
 * {@code pk} "u#userId" | "a#anonymousId"; {@code v} optimistic-locking version; {@code f} the
 * compact facts (ProfileCodec); {@code ttl} expiry of anonymous visitors.
 *
 * <p>The schema is built statically (no bean introspection at cold start).
 */
public final class ProfileItem {
    public static final StaticTableSchema<ProfileItem> SCHEMA = StaticTableSchema.builder(ProfileItem.class)
            .newItemSupplier(ProfileItem::new)
            .addAttribute(String.class, a -> a.name("pk").getter(ProfileItem::getPk).setter(ProfileItem::setPk)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(Long.class, a -> a.name("v").getter(ProfileItem::getVersion).setter(ProfileItem::setVersion)
                    .tags(VersionedRecordExtension.AttributeTags.versionAttribute()))
            .addAttribute(SdkBytes.class, a -> a.name("f").getter(ProfileItem::getFacts).setter(ProfileItem::setFacts))
            .addAttribute(Long.class, a -> a.name("ttl").getter(ProfileItem::getTtl).setter(ProfileItem::setTtl))
            .build();

    private String pk;
    private Long version;
    private SdkBytes facts;
    private Long ttl;

    public String getPk() { return pk; }
    public void setPk(String pk) { this.pk = pk; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
    public SdkBytes getFacts() { return facts; }
    public void setFacts(SdkBytes facts) { this.facts = facts; }
    public Long getTtl() { return ttl; }
    public void setTtl(Long ttl) { this.ttl = ttl; }
}
