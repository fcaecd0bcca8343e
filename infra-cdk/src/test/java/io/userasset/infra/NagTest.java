package io.userasset.infra;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** cdk-nag's AwsSolutions pack reports no error on any variant, and every suppression says why. */
class NagTest {
    static Synth.Result variant(String name) throws IOException {
        return switch (name) {
            case "default" -> Synth.of(Synth.DEFAULT);
            case "kinesis" -> Synth.of(Synth.KINESIS);
            case "kms" -> Synth.of(Synth.KMS);
            case "config" -> VariantsTest.withConfig();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "kinesis", "kms", "config"})
    void noAwsSolutionsErrors(String name) throws IOException {
        Synth.Result r = variant(name);
        List<SynthesisMessage> errors = r.annotations().findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "kinesis", "kms"})
    @SuppressWarnings("unchecked")
    void everySuppressionHasASpecificReason(String name) throws IOException {
        Synth.Result r = variant(name);
        Map<String, Object> resources = (Map<String, Object>) r.template().toJSON().get("Resources");
        List<Map<String, Object>> suppressions = new ArrayList<>();
        resources.values().forEach(v -> {
            Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) v).get("Metadata");
            if (metadata == null || !metadata.containsKey("cdk_nag")) return;
            suppressions.addAll((List<Map<String, Object>>) ((Map<String, Object>) metadata.get("cdk_nag")).get("rules_to_suppress"));
        });
        assertThat(suppressions).isNotEmpty().allSatisfy(s -> {
            assertThat((String) s.get("id")).startsWith("AwsSolutions-");
            assertThat((String) s.get("reason")).as(s.get("id").toString()).hasSizeGreaterThan(60);
        });
        // IAM5 (wildcards) is only ever suppressed for named findings, never wholesale
        assertThat(suppressions).filteredOn(s -> "AwsSolutions-IAM5".equals(s.get("id")))
                .allSatisfy(s -> assertThat(s.get("applies_to")).asList().isNotEmpty());
        // the suppressed rules are exactly the justified ones
        assertThat(suppressions).extracting(s -> s.get("id")).isSubsetOf("AwsSolutions-IAM5", "AwsSolutions-L1",
                "AwsSolutions-S1", "AwsSolutions-SQS3", "AwsSolutions-KDS3");
    }
}
