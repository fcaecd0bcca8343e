package io.userasset.domain.scoring.value;

import io.userasset.config.GrowthConfig;

/**
 * Growth tier from the composite value score and mean(social, content) (SPEC §4). Thresholds are inclusive:
 * KOC if composite ≥ kocComposite and socialContent ≥ kocSocialContent; else core if composite ≥ coreComposite;
 * else potential if composite ≥ potentialComposite; else new. The path is linear: the next tier of new is potential,
 * of potential core, of core KOC (a potential user meeting the KOC criteria is KOC directly).
 */
public final class GrowthPath {
    private GrowthPath() {}

    public static GrowthTier tier(double composite, double socialContent, GrowthConfig c) {
        if (composite >= c.kocComposite() && socialContent >= c.kocSocialContent()) return GrowthTier.KOC;
        if (composite >= c.coreComposite()) return GrowthTier.CORE;
        if (composite >= c.potentialComposite()) return GrowthTier.POTENTIAL;
        return GrowthTier.NEW;
    }

    public static GrowthResult assess(double composite, double socialContent, GrowthConfig c) {
        GrowthTier tier = tier(composite, socialContent, c);
        double compositeGap;
        double scGap = 0;
        switch (tier) {
            case NEW -> compositeGap = c.potentialComposite() - composite;
            case POTENTIAL -> compositeGap = c.coreComposite() - composite;
            case CORE -> {
                compositeGap = Math.max(0, c.kocComposite() - composite);
                scGap = Math.max(0, c.kocSocialContent() - socialContent);
            }
            default -> {
                return new GrowthResult(tier, null, 0, 0, 0, false);
            }
        }
        compositeGap = Math.max(0, compositeGap);
        double distance = Math.max(compositeGap, scGap);
        return new GrowthResult(tier, tier.next(), distance, compositeGap, scGap, distance <= c.nearDistance());
    }

    /** The upgrade-trigger predicate: a next tier exists and the distance to it is ≤ nearDistance. */
    public static boolean closeToNextTier(GrowthResult r, GrowthConfig c) {
        return r.nextTier() != null && r.distance() <= c.nearDistance();
    }
}
