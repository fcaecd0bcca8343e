package io.userasset.domain.clv;

import io.userasset.config.ClvConfig;
import io.userasset.config.EngineConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClvScorerTest {
    static final ClvConfig CFG = EngineConfig.defaults().clv();
    static final ClvModel DEFAULTS = ClvModel.defaults(CFG);

    @Test
    void defaultConfigurationAndModel() {
        assertThat(CFG.model()).isEqualTo("mbgnbd");
        assertThat(CFG.spendBinRelativeWidth()).isEqualTo(0.005);
        assertThat(DEFAULTS.bgnbd().parameters()).isEqualTo(BgNbdParameters.CDNOW_MBGNBD_WEEKS);
        assertThat(DEFAULTS.bgnbd().status()).isEqualTo(FitStatus.FALLBACK);
        assertThat(DEFAULTS.gammaGamma().parameters()).isEqualTo(GammaGammaParameters.CDNOW_USD);
    }

    @Test
    void discountingMatchesAFineStepSum() {
        ClvScorer scorer = new ClvScorer(DEFAULTS, CFG);
        BgNbdModel m = scorer.purchaseModel();
        double delta = Math.log1p(CFG.annualDiscountRate()) / 365;
        for (CustomerSummary c : new CustomerSummary[] {
                new CustomerSummary(0, 0, 0, 0), new CustomerSummary(0, 0, 200, 0),
                new CustomerSummary(4, 150, 200, 120), new CustomerSummary(30, 60, 61, 900)}) {
            int steps = 10_000;
            double h = CFG.horizonDays();
            double ref = 0, prev = 0;
            for (int k = 1; k <= steps; k++) {
                double e = m.conditionalExpectedPurchasesDays(h * k / steps, c.x(), c.txDays(), c.tDays());
                ref += (e - prev) * Math.exp(-delta * h * (k - 0.5) / steps);
                prev = e;
            }
            assertThat(scorer.discountedExpectedPurchases(c)).isCloseTo(ref, within(1e-9 * ref));
            // discounting 90 days at 10 %/year removes about 1.2 %
            assertThat(scorer.discountedExpectedPurchases(c) / scorer.expectedPurchases(c)).isBetween(0.975, 0.995);
        }
    }

    @Test
    void longHorizonsAndHighRatesStayAccurate() {
        ClvScorer scorer = new ClvScorer(BgNbdParameters.CDNOW_MBGNBD_WEEKS, GammaGammaParameters.CDNOW_USD, 3 * 365, 0.5);
        BgNbdModel m = scorer.purchaseModel();
        CustomerSummary c = new CustomerSummary(2, 40, 60, 50);
        double delta = Math.log1p(0.5) / 365, h = 3 * 365, ref = 0, prev = 0;
        int steps = 20_000;
        for (int k = 1; k <= steps; k++) {
            double e = m.conditionalExpectedPurchasesDays(h * k / steps, c.x(), c.txDays(), c.tDays());
            ref += (e - prev) * Math.exp(-delta * h * (k - 0.5) / steps);
            prev = e;
        }
        assertThat(scorer.discountedExpectedPurchases(c)).isCloseTo(ref, within(1e-5 * ref));
    }

    @Test
    void zeroRateMeansNoDiscount() {
        ClvScorer scorer = new ClvScorer(BgNbdParameters.CDNOW_BGNBD_WEEKS, GammaGammaParameters.CDNOW_USD, 90, 0.0);
        CustomerSummary c = new CustomerSummary(3, 100, 180, 60);
        assertThat(scorer.discountedExpectedPurchases(c)).isCloseTo(scorer.expectedPurchases(c), within(1e-15));
    }

    @Test
    void scoresCombineTheThreeModels() {
        ClvScorer scorer = new ClvScorer(DEFAULTS, CFG);
        CustomerSummary c = new CustomerSummary(3, 100, 180, 60);
        UserClv s = scorer.score(c);
        GammaGammaModel gg = new GammaGammaModel(GammaGammaParameters.CDNOW_USD);
        assertThat(s.expectedOrderValue()).isCloseTo(gg.conditionalExpectedAverageValue(3, 20.0), within(1e-12));
        assertThat(s.clv()).isCloseTo(s.expectedOrderValue() * scorer.discountedExpectedPurchases(c), within(1e-12));
        assertThat(s.pAlive()).isCloseTo(new BgNbdModel(BgNbdParameters.CDNOW_MBGNBD_WEEKS).pAlive(3, 100 / 7.0, 180 / 7.0), within(1e-15));
        assertThat(s.horizonDays()).isEqualTo(90);
        // no repeat purchase: population mean spend; refunds netting below zero count as 0
        assertThat(scorer.expectedOrderValue(new CustomerSummary(0, 0, 10, 0))).isEqualTo(gg.populationMean());
        assertThat(scorer.expectedOrderValue(new CustomerSummary(2, 10, 10, -30))).isCloseTo(gg.conditionalExpectedAverageValue(2, 0), within(1e-12));
    }

    @Test
    void recentFrequentBuyersAreWorthMoreThanLapsedOnes() {
        ClvScorer scorer = new ClvScorer(DEFAULTS, CFG);
        UserClv active = scorer.score(new CustomerSummary(10, 200, 203, 400));
        UserClv lapsed = scorer.score(new CustomerSummary(10, 40, 203, 400));
        UserClv oneTimer = scorer.score(new CustomerSummary(0, 0, 203, 0));
        assertThat(active.pAlive()).isGreaterThan(0.9);
        assertThat(lapsed.pAlive()).isLessThan(0.05);
        assertThat(oneTimer.pAlive()).isLessThan(1.0); // MBG/NBD
        assertThat(active.clv()).isGreaterThan(10 * lapsed.clv());
    }

    @Test
    void scoresDoNotDependOnTheTimeUnitOfTheParameters() {
        ClvScorer weeks = new ClvScorer(BgNbdParameters.CDNOW_MBGNBD_WEEKS, GammaGammaParameters.CDNOW_USD, 90, 0.1);
        ClvScorer days = new ClvScorer(BgNbdParameters.CDNOW_MBGNBD_WEEKS.inTimeUnit(1), GammaGammaParameters.CDNOW_USD, 90, 0.1);
        CustomerSummary c = new CustomerSummary(5, 120, 240, 200);
        assertThat(days.score(c).clv()).isCloseTo(weeks.score(c).clv(), within(1e-10));
        assertThat(days.score(c).pAlive()).isCloseTo(weeks.score(c).pAlive(), within(1e-14));
    }
}
