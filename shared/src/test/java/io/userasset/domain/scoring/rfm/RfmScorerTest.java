package io.userasset.domain.scoring.rfm;

import io.userasset.domain.scoring.PopulationSketches;
import io.userasset.domain.scoring.ScoreInputs;
import io.userasset.domain.scoring.ScoringConfig;
import io.userasset.domain.scoring.ScoringModel;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static io.userasset.domain.scoring.TestPopulation.customer;
import static io.userasset.domain.scoring.TestPopulation.nonBuyer;
import static io.userasset.domain.scoring.TestPopulation.smallPopulationConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A 14-customer population (+ 2 non-buyers) whose cut points, means, scores and segments are computed by hand.
 *
 * <pre>
 *  user  R(days) F  M      R-score F M  FM  segment11           segment8
 *  u1      2     8   900    5      5 5   5  champions           important-value
 *  u2      5     6   400    5      5 3   4  champions           important-value
 *  u3     10     1    40    5      1 1   1  new                 general-develop
 *  u4     15     3   300    4      3 3   3  potential-loyalist  general-value
 *  u5     30     2   120    4      3 3   3  potential-loyalist  general-develop
 *  u6     45     1   650    3      1 4   3  need-attention      important-develop
 *  u7     60     4   700    3      4 4   4  loyal               important-value
 *  u8     90     1    30    3      1 1   1  about-to-sleep      general-develop
 *  u9    120     2   500    2      3 4   4  at-risk             important-retain
 *  u10   200     1    80    2      1 2   2  hibernating         general-retain
 *  u11   300     5  1000    1      4 5   5  cant-lose-them      important-maintain
 *  u12   400     0     0    1      1 1   1  lost                general-retain
 *  u13   150     4   100    2      4 2   3  at-risk             general-maintain
 *  u14    20     1    40    4      1 1   1  promising           general-develop
 * </pre>
 *
 * Cut points: the inclusive quantile at rank r is the value at sorted position ceil(r × 14): positions 3, 6, 9, 12.
 * <ul>
 *   <li>R sorted 2,5,10,15,20,30,45,60,90,120,150,200,300,400 → cuts 10, 30, 90, 200.</li>
 *   <li>F sorted 0,1,1,1,1,1,2,2,3,4,4,5,6,8 → cuts 1, 1, 3, 5 (c1 = c2: the bucket (1, 1] is empty, no F score 2).</li>
 *   <li>M sorted 0,30,40,40,80,100,120,300,400,500,650,700,900,1000 → cuts 40, 100, 400, 700.</li>
 * </ul>
 * Means: R 1447/14 = 103.357…, F 39/14 = 2.7857…, M 4860/14 = 347.142…
 * A value equal to a cut point is in the bucket below it: u3's R = 10 = c1 → R bucket 1 → R score 5; u2's M = 400 = c3
 * → M score 3; u11's F = 5 = c4 → F score 4. FM = (F + M + 1) / 2 (mean rounded half up).
 */
class RfmScorerTest {

    static final int[][] RFM = {
            {2, 8, 900}, {5, 6, 400}, {10, 1, 40}, {15, 3, 300}, {30, 2, 120}, {45, 1, 650}, {60, 4, 700},
            {90, 1, 30}, {120, 2, 500}, {200, 1, 80}, {300, 5, 1000}, {400, 0, 0}, {150, 4, 100}, {20, 1, 40}};

    static final int[][] EXPECTED_SCORES = { // R, F, M, FM
            {5, 5, 5, 5}, {5, 5, 3, 4}, {5, 1, 1, 1}, {4, 3, 3, 3}, {4, 3, 3, 3}, {3, 1, 4, 3}, {3, 4, 4, 4},
            {3, 1, 1, 1}, {2, 3, 4, 4}, {2, 1, 2, 2}, {1, 4, 5, 5}, {1, 1, 1, 1}, {2, 4, 2, 3}, {4, 1, 1, 1}};

    static final List<String> EXPECTED_11 = List.of("champions", "champions", "new", "potential-loyalist",
            "potential-loyalist", "need-attention", "loyal", "about-to-sleep", "at-risk", "hibernating",
            "cant-lose-them", "lost", "at-risk", "promising");

    static final List<String> EXPECTED_8 = List.of("important-value", "important-value", "general-develop",
            "general-value", "general-develop", "important-develop", "important-value", "general-develop",
            "important-retain", "general-retain", "important-maintain", "general-retain", "general-maintain",
            "general-develop");

    static ScoringModel handModel(ScoringConfig cfg) {
        PopulationSketches p = PopulationSketches.create(cfg);
        for (int[] u : RFM) p.add(customer(u[0], u[1], u[2]), cfg);
        p.add(nonBuyer(3), cfg);
        p.add(nonBuyer(40), cfg);
        return p.toModel(cfg, 20_000);
    }

    @Test
    void cutPointsAndMeansOfTheHandPopulation() {
        RfmModel m = handModel(smallPopulationConfig()).rfm();
        assertThat(m.customers()).isEqualTo(14);
        assertThat(m.recency()).isEqualTo(new CutPoints(10, 30, 90, 200));
        assertThat(m.frequency()).isEqualTo(new CutPoints(1, 1, 3, 5));
        assertThat(m.monetary()).isEqualTo(new CutPoints(40, 100, 400, 700));
        assertThat(m.meanRecencyDays()).isEqualTo(1447.0 / 14);
        assertThat(m.meanFrequency()).isEqualTo(39.0 / 14);
        assertThat(m.meanMonetary()).isCloseTo(4860.0 / 14, within(1e-12));
    }

    @Test
    void scoresAndBothSegmentSchemesOfEveryCustomer() {
        RfmModel m = handModel(smallPopulationConfig()).rfm();
        for (int i = 0; i < RFM.length; i++) {
            RfmResult r = RfmScorer.score(new RfmValues(RFM[i][0], RFM[i][1], RFM[i][2]), m);
            String who = "u" + (i + 1);
            assertThat(new int[] {r.r(), r.f(), r.m(), r.fm()}).as(who).containsExactly(EXPECTED_SCORES[i]);
            assertThat(r.segment11().id()).as(who).isEqualTo(EXPECTED_11.get(i));
            assertThat(r.segment8().id()).as(who).isEqualTo(EXPECTED_8.get(i));
        }
    }

    @Test
    void theHandPopulationCoversEverySegment() {
        assertThat(EXPECTED_11).containsAll(EnumSet.complementOf(EnumSet.of(Segment11.NONE)).stream().map(Segment11::id).toList());
        assertThat(EXPECTED_8).containsAll(EnumSet.complementOf(EnumSet.of(Segment8.NONE)).stream().map(Segment8::id).toList());
    }

    @Test
    void nonBuyersAreNotApplicableAndStayOutOfTheCustomerSketches() {
        RfmModel m = handModel(smallPopulationConfig()).rfm();
        RfmResult r = RfmScorer.score(RfmValues.NON_BUYER, m);
        assertThat(r).isEqualTo(RfmResult.NOT_APPLICABLE);
        assertThat(r.applicable()).isFalse();
        assertThat(r.r()).isNull();
        assertThat(r.segment8()).isEqualTo(Segment8.NONE);
        assertThat(r.segment11()).isEqualTo(Segment11.NONE);
        assertThat(r.segment11().id()).isEqualTo("none");
    }

    @Test
    void valuesAtAboveAndBelowACutPoint() {
        CutPoints c = new CutPoints(10, 30, 90, 200);
        assertThat(c.bucket(9)).isEqualTo(1);
        assertThat(c.bucket(10)).isEqualTo(1);
        assertThat(c.bucket(11)).isEqualTo(2);
        assertThat(RfmScorer.recencyScore(10, c)).isEqualTo(5);
        assertThat(RfmScorer.recencyScore(11, c)).isEqualTo(4);
        assertThat(RfmScorer.recencyScore(200, c)).isEqualTo(2);
        assertThat(RfmScorer.recencyScore(201, c)).isEqualTo(1);
        assertThat(RfmScorer.recencyScore(0, c)).isEqualTo(5);
    }

    @Test
    void collapsedCutPointsWhenMostBuyersOrderedOnce() {
        // 70 % F = 1, 15 % F = 2, 15 % F = 3 (n = 20): positions 4, 8, 12, 16 → cuts 1, 1, 1, 2.
        ScoringConfig cfg = smallPopulationConfig();
        PopulationSketches p = PopulationSketches.create(cfg);
        for (int i = 0; i < 14; i++) p.add(customer(10 + i, 1, 50), cfg);
        for (int i = 0; i < 3; i++) p.add(customer(10, 2, 50), cfg);
        for (int i = 0; i < 3; i++) p.add(customer(10, 3, 50), cfg);
        CutPoints f = p.toModel(cfg, null).rfm().frequency();
        assertThat(f).isEqualTo(new CutPoints(1, 1, 1, 2));
        // every one-time buyer gets F score 1 (identical values, identical scores); F = 2 → 4; F = 3 → 5
        assertThat(f.bucket(1)).isEqualTo(1);
        assertThat(f.bucket(2)).isEqualTo(4);
        assertThat(f.bucket(3)).isEqualTo(5);
        // all M equal: every cut point is 50, every customer scores M 1; the mean is 50 and "equal to the mean" is low
        RfmModel m = p.toModel(cfg, null).rfm();
        assertThat(m.monetary()).isEqualTo(new CutPoints(50, 50, 50, 50));
        assertThat(RfmScorer.score(new RfmValues(10, 3, 50), m).segment8()).isEqualTo(Segment8.GENERAL_VALUE);
    }

    @Test
    void equalToTheMeanIsLow() {
        RfmModel m = new RfmModel(1, new CutPoints(1, 2, 3, 4), new CutPoints(1, 2, 3, 4), new CutPoints(1, 2, 3, 4),
                100, 3, 200);
        assertThat(RfmScorer.score(new RfmValues(100, 3, 200), m).segment8()).isEqualTo(Segment8.GENERAL_RETAIN);
        assertThat(RfmScorer.score(new RfmValues(99, 4, 201), m).segment8()).isEqualTo(Segment8.IMPORTANT_VALUE);
        assertThat(RfmScorer.score(new RfmValues(101, 3, 201), m).segment8()).isEqualTo(Segment8.IMPORTANT_RETAIN);
    }

    @Test
    void theElevenSegmentGridCellByCell() {
        String[][] grid = { // rows FM 5 → 1, columns R 1 → 5 (the table in docs/models.md)
                {"cant-lose-them", "cant-lose-them", "loyal", "loyal", "champions"},
                {"at-risk", "at-risk", "loyal", "loyal", "champions"},
                {"at-risk", "at-risk", "need-attention", "potential-loyalist", "potential-loyalist"},
                {"hibernating", "hibernating", "about-to-sleep", "potential-loyalist", "potential-loyalist"},
                {"lost", "hibernating", "about-to-sleep", "promising", "new"}};
        for (int fm = 5; fm >= 1; fm--) {
            for (int r = 1; r <= 5; r++) {
                assertThat(Segment11.of(r, fm).id()).as("R%d FM%d", r, fm).isEqualTo(grid[5 - fm][r - 1]);
            }
        }
        assertThat(Segment11.fmScore(1, 2)).isEqualTo(2);
        assertThat(Segment11.fmScore(2, 2)).isEqualTo(2);
        assertThat(Segment11.fmScore(4, 5)).isEqualTo(5);
        assertThat(Segment11.fmScore(1, 1)).isEqualTo(1);
    }

    @Test
    void defaultModelScoresOnDayOne() {
        ScoringConfig cfg = ScoringConfig.defaults();
        RfmModel m = ScoringModel.defaults(cfg).rfm();
        assertThat(m.usesDefaults()).isTrue();
        assertThat(m.recency()).isEqualTo(new CutPoints(30, 90, 180, 365));
        // R 20 ≤ 30 → 5; F 2 → 2; M 120 in (100, 250] → 3; FM (2+3+1)/2 = 3 → potential-loyalist;
        // vs default means 120 d / 2.5 / 200: R↑ F↓ M↓ → general-develop
        RfmResult r = RfmScorer.score(new RfmValues(20, 2, 120), m);
        assertThat(new int[] {r.r(), r.f(), r.m(), r.fm()}).containsExactly(5, 2, 3, 3);
        assertThat(r.segment11()).isEqualTo(Segment11.POTENTIAL_LOYALIST);
        assertThat(r.segment8()).isEqualTo(Segment8.GENERAL_DEVELOP);
    }

    @Test
    void smallPopulationsKeepTheDefaults() {
        ScoringConfig cfg = ScoringConfig.defaults(); // minCustomersForCuts 50
        PopulationSketches p = PopulationSketches.create(cfg);
        for (int i = 0; i < 49; i++) p.add(customer(i, 1 + i % 3, 10 * i), cfg);
        assertThat(p.toModel(cfg, 1).rfm()).isEqualTo(ScoringModel.defaultRfm(cfg.rfm()));
        p.add(customer(5, 1, 10), cfg);
        assertThat(p.toModel(cfg, 1).rfm().customers()).isEqualTo(50);
    }

    @Test
    void segmentIdsAndLabels() {
        assertThat(Segment8.IMPORTANT_VALUE.labelZh()).isEqualTo("重要价值");
        assertThat(Segment8.GENERAL_RETAIN.labelZh()).isEqualTo("一般挽留");
        assertThat(Segment8.fromId("important-develop")).isEqualTo(Segment8.IMPORTANT_DEVELOP);
        assertThat(Segment11.fromId("cant-lose-them").label()).isEqualTo("Can't lose them");
        ScoreInputs in = customer(5, 1, 1);
        assertThat(in.rfmValues()).isEqualTo(new RfmValues(5, 1, 1));
    }
}
