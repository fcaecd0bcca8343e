package io.userasset.domain.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.time.Days;

import java.time.Instant;

/** The published and logged form of an action (events/…/action.schema.json). */
public final class ActionDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ActionDocument() {}

    public static ObjectNode of(ActionCandidate c, boolean holdout, Instant decidedAt) {
        ObjectNode a = JSON.createObjectNode();
        a.put("actionId", c.actionId());
        a.put("type", c.type().id());
        a.put("userId", c.userId());
        a.put("reasonCode", c.reasonCode());
        a.put("reason", c.reason());
        a.put("decidedAt", decidedAt.toString());
        a.put("day", Days.date(c.day()).toString());
        a.put("holdout", holdout);
        ProfileScores s = c.scores();
        ObjectNode scores = a.putObject("scores");
        scores.put("stage", s.stage().id());
        scores.put("tier", s.tier().id());
        if (s.nextTier() == null) {
            scores.putNull("nextTier");
            scores.putNull("distanceToNextTier");
        } else {
            scores.put("nextTier", s.nextTier().id());
            scores.put("distanceToNextTier", s.distanceToNextTier());
        }
        scores.put("riskLevel", s.riskLevel().id());
        if (s.pAlive() == null) scores.putNull("pAlive");
        else scores.put("pAlive", s.pAlive());
        if (s.predictedClv() == null) scores.putNull("predictedClv");
        else scores.put("predictedClv", s.predictedClv());
        scores.put("compositeValue", s.composite());
        ObjectNode rfm = scores.putObject("rfm");
        if (s.r() == null) {
            rfm.putNull("r");
            rfm.putNull("f");
            rfm.putNull("m");
        } else {
            rfm.put("r", s.r());
            rfm.put("f", s.f());
            rfm.put("m", s.m());
        }
        if (s.isBuyer()) {
            scores.put("segment8", s.segment8().id());
            scores.put("segment11", s.segment11().id());
        } else {
            scores.putNull("segment8");
            scores.putNull("segment11");
        }
        return a;
    }
}
