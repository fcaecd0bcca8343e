package io.userasset.config;

/**
 * Growth path new → potential → core → KOC, by thresholds on the composite value score and on the
 * mean of the social and content dimensions (SPEC §4). All thresholds are inclusive (a score equal to the
 * threshold reaches the tier).
 *
 * @param potentialComposite composite score from which a user is "potential"
 * @param coreComposite      composite score from which a user is "core"
 * @param kocComposite       composite score a KOC needs at least
 * @param kocSocialContent   mean of social and content dimensions a KOC needs at least
 * @param nearDistance       within this many points of the next tier a user is "close to" it (upgrade trigger)
 */
public record GrowthConfig(double potentialComposite, double coreComposite, double kocComposite,
                           double kocSocialContent, double nearDistance) {

    public GrowthConfig {
        for (double t : new double[] {potentialComposite, coreComposite, kocComposite, kocSocialContent}) {
            if (!(t >= 0 && t <= 100)) throw new IllegalArgumentException("growth thresholds must be in [0, 100]");
        }
        if (potentialComposite > coreComposite) {
            throw new IllegalArgumentException("growth.potentialComposite must be ≤ growth.coreComposite");
        }
        if (!(nearDistance >= 0) || Double.isInfinite(nearDistance)) {
            throw new IllegalArgumentException("growth.nearDistance must be finite and ≥ 0");
        }
    }
}
