package io.userasset.domain.scoring.value;

/**
 * @param tier             the growth tier
 * @param nextTier         the next tier on the path (null for KOC)
 * @param distance         points still missing to the next tier: max(compositeGap, socialContentGap); 0 for KOC
 * @param compositeGap     max(0, composite threshold of the next tier − composite)
 * @param socialContentGap max(0, kocSocialContent − mean(social, content)) when the next tier is KOC, else 0
 * @param closeToNext      nextTier != null and distance ≤ growth.nearDistance (upgrade trigger)
 */
public record GrowthResult(GrowthTier tier, GrowthTier nextTier, double distance, double compositeGap,
                           double socialContentGap, boolean closeToNext) {}
