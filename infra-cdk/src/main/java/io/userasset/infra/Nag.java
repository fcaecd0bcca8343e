package io.userasset.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.constructs.IConstruct;

import java.util.Arrays;
import java.util.List;

/** cdk-nag suppressions, each with the reason it is acceptable here. */
final class Nag {
    private Nag() {}

    /** Suppresses a whole rule on a construct and its children. */
    static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id("AwsSolutions-" + rule).reason(reason).build()), true);
    }

    /**
     * Suppresses only the listed findings of a rule (cdk-nag "appliesTo"), each a regular
     * expression over the finding, e.g. {@code ^Resource::<Bucket.*\.Arn>/rejects/\*$}.
     */
    static void suppressFindings(IConstruct construct, String rule, String reason, String... findingRegexes) {
        List<Object> appliesTo = Arrays.stream(findingRegexes)
                .map(r -> (Object) RegexAppliesTo.builder().regex("/" + r + "/").build())
                .toList();
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id("AwsSolutions-" + rule).reason(reason).appliesTo(appliesTo).build()), true);
    }
}
