package io.userasset.config;

/**
 * Growth path new → potential → core → KOC, by thresholds on the composite value score and on the
 * mean of the social and content dimensions (SPEC §4).
 *
 * @param potentialComposite composite score from which a user is "potential"
 * @param coreComposite      composite score from which a user is "core"
 * @param kocComposite       composite score a KOC needs at least
 * @param kocSocialContent   mean of social and content dimensions a KOC needs at least
 * @param nearDistance       within this many points of the next tier a user is "close to" it (upgrade trigger)
 */
public record GrowthConfig(double potentialComposite, double coreComposite, double kocComposite,
                           double kocSocialContent, double nearDistance) {}
