package io.userasset.domain.scoring.value;

import io.userasset.config.GrowthConfig;
import io.userasset.domain.scoring.ScoringConfig;
import org.junit.jupiter.api.Test;

import static io.userasset.domain.scoring.value.GrowthTier.CORE;
import static io.userasset.domain.scoring.value.GrowthTier.KOC;
import static io.userasset.domain.scoring.value.GrowthTier.NEW;
import static io.userasset.domain.scoring.value.GrowthTier.POTENTIAL;
import static org.assertj.core.api.Assertions.assertThat;

/** Defaults: potential 40, core 70, KOC composite 60 and social/content 80, nearDistance 5. */
class GrowthPathTest {
    static final GrowthConfig G = ScoringConfig.defaults().growth();

    static GrowthTier tier(double composite, double sc) {
        return GrowthPath.tier(composite, sc, G);
    }

    @Test
    void compositeThresholdsAreInclusive() {
        assertThat(tier(39, 0)).isEqualTo(NEW);
        assertThat(tier(39.999, 0)).isEqualTo(NEW);
        assertThat(tier(40, 0)).isEqualTo(POTENTIAL);
        assertThat(tier(41, 0)).isEqualTo(POTENTIAL);
        assertThat(tier(69, 0)).isEqualTo(POTENTIAL);
        assertThat(tier(70, 0)).isEqualTo(CORE);
        assertThat(tier(71, 79)).isEqualTo(CORE);
    }

    @Test
    void kocNeedsBothCriteria() {
        assertThat(tier(60, 80)).isEqualTo(KOC);
        assertThat(tier(59, 80)).isEqualTo(POTENTIAL);
        assertThat(tier(60, 79)).isEqualTo(POTENTIAL);
        assertThat(tier(61, 81)).isEqualTo(KOC);
        assertThat(tier(95, 79)).isEqualTo(CORE);
        assertThat(tier(95, 80)).isEqualTo(KOC);
    }

    @Test
    void nextTierDistanceAndCloseness() {
        GrowthResult n = GrowthPath.assess(35, 0, G);
        assertThat(n).isEqualTo(new GrowthResult(NEW, POTENTIAL, 5, 5, 0, true));
        assertThat(GrowthPath.assess(34, 0, G).closeToNext()).isFalse(); // 6 points away
        GrowthResult p = GrowthPath.assess(64.5, 90, G); // KOC criteria met → KOC
        assertThat(p.tier()).isEqualTo(KOC);
        GrowthResult p2 = GrowthPath.assess(64.5, 10, G);
        assertThat(p2).isEqualTo(new GrowthResult(POTENTIAL, CORE, 5.5, 5.5, 0, false));
        GrowthResult c = GrowthPath.assess(75, 75, G); // composite already ≥ 60; social/content 5 short
        assertThat(c).isEqualTo(new GrowthResult(CORE, KOC, 5, 0, 5, true));
        assertThat(GrowthPath.assess(75, 74, G).closeToNext()).isFalse();
        GrowthResult k = GrowthPath.assess(90, 90, G);
        assertThat(k).isEqualTo(new GrowthResult(KOC, null, 0, 0, 0, false));
        assertThat(GrowthPath.closeToNextTier(k, G)).isFalse();
        assertThat(GrowthPath.closeToNextTier(c, G)).isTrue();
    }

    @Test
    void kocDistanceIsTheLargerOfBothGapsWhenKocNeedsMoreCompositeThanCore() {
        GrowthConfig g = new GrowthConfig(40, 70, 80, 80, 5);
        assertThat(GrowthPath.assess(75, 78, g)).isEqualTo(new GrowthResult(CORE, KOC, 5, 5, 2, true));
        assertThat(GrowthPath.assess(74, 78, g)).isEqualTo(new GrowthResult(CORE, KOC, 6, 6, 2, false));
    }

    @Test
    void ids() {
        assertThat(KOC.id()).isEqualTo("koc");
        assertThat(GrowthTier.fromId("potential")).isEqualTo(POTENTIAL);
        assertThat(CORE.next()).isEqualTo(KOC);
        assertThat(KOC.next()).isNull();
    }
}
