package io.userasset.adapters.dynamodb;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The profile item: short attribute names, because names count towards the 1 KB write unit.
 * {@code pk} "u#userId" | "a#anonymousId"; {@code v} optimistic-locking version; {@code f} the
 * compact facts (ProfileCodec); {@code s} the scores and {@code d} the daily marks (ScoresCodec);
 * {@code stage}, {@code tier}, {@code risk} the headline scores again as text, for people reading the
 * table; {@code w} who wrote it ("ingest" or "daily": the stream handler leaves the daily job's
 * re-scores to the daily job's own ranked actions); {@code ttl} expiry of anonymous visitors.
 *
 * <p>The schema is built statically (no bean introspection at cold start).
 */
public final class ProfileItem {
    public static final StaticTableSchema<ProfileItem> SCHEMA = StaticTableSchema.builder(ProfileItem.class)
            .newItemSupplier(ProfileItem::new)
            .addAttribute(String.class, a -> a.name(ProfileItems.KEY).getter(ProfileItem::getPk).setter(ProfileItem::setPk)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(Long.class, a -> a.name("v").getter(ProfileItem::getVersion).setter(ProfileItem::setVersion)
                    .tags(VersionedRecordExtension.AttributeTags.versionAttribute()))
            .addAttribute(SdkBytes.class, a -> a.name("f").getter(ProfileItem::getFacts).setter(ProfileItem::setFacts))
            .addAttribute(SdkBytes.class, a -> a.name("s").getter(ProfileItem::getScores).setter(ProfileItem::setScores))
            .addAttribute(SdkBytes.class, a -> a.name("d").getter(ProfileItem::getMarks).setter(ProfileItem::setMarks))
            .addAttribute(String.class, a -> a.name("stage").getter(ProfileItem::getStage).setter(ProfileItem::setStage))
            .addAttribute(String.class, a -> a.name("tier").getter(ProfileItem::getTier).setter(ProfileItem::setTier))
            .addAttribute(String.class, a -> a.name("risk").getter(ProfileItem::getRisk).setter(ProfileItem::setRisk))
            .addAttribute(String.class, a -> a.name(ProfileItems.WRITER).getter(ProfileItem::getWriter).setter(ProfileItem::setWriter))
            .addAttribute(Long.class, a -> a.name("ttl").getter(ProfileItem::getTtl).setter(ProfileItem::setTtl))
            .build();

    private String pk;
    private Long version;
    private SdkBytes facts;
    private SdkBytes scores;
    private SdkBytes marks;
    private String stage;
    private String tier;
    private String risk;
    private String writer;
    private Long ttl;

    public String getPk() { return pk; }
    public void setPk(String pk) { this.pk = pk; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
    public SdkBytes getFacts() { return facts; }
    public void setFacts(SdkBytes facts) { this.facts = facts; }
    public SdkBytes getScores() { return scores; }
    public void setScores(SdkBytes scores) { this.scores = scores; }
    public SdkBytes getMarks() { return marks; }
    public void setMarks(SdkBytes marks) { this.marks = marks; }
    public String getStage() { return stage; }
    public void setStage(String stage) { this.stage = stage; }
    public String getTier() { return tier; }
    public void setTier(String tier) { this.tier = tier; }
    public String getRisk() { return risk; }
    public void setRisk(String risk) { this.risk = risk; }
    public String getWriter() { return writer; }
    public void setWriter(String writer) { this.writer = writer; }
    public Long getTtl() { return ttl; }
    public void setTtl(Long ttl) { this.ttl = ttl; }
}
