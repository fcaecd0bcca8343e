/**
 * CLV and churn models (SPEC §4, docs/models.md): BG/NBD and MBG/NBD purchase models, Gamma-Gamma
 * spend model, maximum-likelihood fitting on mergeable grouped statistics, and per-user scoring.
 *
 * <ul>
 *   <li>Statistics: {@link io.userasset.domain.clv.CustomerSummary} → {@link io.userasset.domain.clv.FrequencyStats}
 *       and {@link io.userasset.domain.clv.SpendStats} (build per worker, {@code merge} in the reducer).</li>
 *   <li>Fitting: {@link io.userasset.domain.clv.ClvFitter#fit} → {@link io.userasset.domain.clv.ClvModel}
 *       (JSON-serializable, parameters stored with their time unit, convergence status, fallback).</li>
 *   <li>Scoring: {@link io.userasset.domain.clv.ClvScorer#score} → {@link io.userasset.domain.clv.UserClv}
 *       (P(alive), expected purchases, expected order value, discounted CLV).</li>
 *   <li>Simulation: {@link io.userasset.domain.clv.simulation.CohortSimulator}.</li>
 * </ul>
 * Pure domain: nothing here imports AWS.
 */
package io.userasset.domain.clv;
