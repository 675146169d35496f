package io.trailsentry.testdata.ocsf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validator itself: the golden findings conform, a finding in the format before #17 shows that
 * issue's three defects, and each kind of defect it must catch is caught.
 */
class OcsfValidatorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static OcsfValidator validator;

    @BeforeAll
    static void load() throws Exception {
        validator = new OcsfValidator(OcsfSchema.fromClasspath("1.6.0"));
    }

    static JsonNode golden(String who) throws Exception {
        return JSON.readTree(Path.of("contract", "golden-finding-" + who + ".json").toFile());
    }

    @Test
    void theGoldenFindingsConform() throws Exception {
        assertThat(validator.validate(golden("user"))).isEmpty();
        assertThat(validator.validate(golden("role"))).isEmpty();
    }

    @Test
    void theFormatBeforeIssue17HadItsThreeDefects() throws Exception {
        JsonNode old =
                JSON.readTree(getClass().getResourceAsStream("/ocsf/finding-before-17.json"));
        assertThat(validator.validate(old))
                .contains(
                        "actor: belongs to profile 'host', not declared",
                        "attacks: belongs to profile 'security_control', not declared",
                        "finding_info.related_analytics[0].type_id: required attribute missing",
                        "metadata.version: '1.3.0' but the schema is 1.6.0");
    }

    /** The validator's complaints about the user golden finding after {@code change}. */
    static java.util.List<String> after(Consumer<ObjectNode> change) throws Exception {
        ObjectNode f = (ObjectNode) golden("user");
        change.accept(f);
        return validator.validate(f);
    }

    @Test
    void undeclaredProfilesUnknownAttributesAndMissingOnesAreErrors() throws Exception {
        assertThat(after(f -> ((ArrayNode) f.at("/metadata/profiles")).remove(1)))
                .containsExactly("actor: belongs to profile 'host', not declared");
        assertThat(after(f -> f.set("attacks", f.at("/finding_info/attacks"))))
                .containsExactly("attacks: belongs to profile 'security_control', not declared");
        assertThat(after(f -> ((ObjectNode) f.get("finding_info")).put("severity", "x")))
                .containsExactly("finding_info.severity: unknown attribute");
        assertThat(after(f -> ((ObjectNode) f.get("unmapped")).put("anything", "goes"))).isEmpty();
        assertThat(after(f -> f.remove("cloud")))
                .containsExactly("cloud: required attribute missing");
        assertThat(after(f -> ((ObjectNode) f.at("/evidences/0")).removeAll()))
                .singleElement()
                .asString()
                .startsWith("evidences[0]: at_least_one of [");
    }

    @Test
    void typesEnumsCaptionsAndIdentityAreChecked() throws Exception {
        assertThat(after(f -> f.put("time", "yesterday")))
                .containsExactly("time: expected timestamp_t (long_t), got STRING");
        assertThat(after(f -> f.put("time", 1_773_151_413L)))
                .containsExactly("time: 1773151413 is not epoch milliseconds");
        assertThat(after(f -> f.put("severity_id", 7)))
                .singleElement()
                .asString()
                .startsWith("severity_id: value 7 not in the enum");
        assertThat(after(f -> f.put("status", "Active")))
                .containsExactly("status: 'Active' but status_id 4 is 'Resolved'");
        assertThat(after(f -> ((ObjectNode) f.at("/actor/user")).put("type", "Other")))
                .containsExactly("actor.user.type: 'Other' but type_id 99 is 'Other'");
        assertThat(after(f -> f.remove("confidence_id")))
                .containsExactly("confidence: caption without its confidence_id");
        assertThat(after(f -> f.put("type_uid", 200401)))
                .contains("type_uid: 200401 != class_uid * 100 + activity_id");
        assertThat(after(f -> f.put("type_name", "Detection Finding: Update")))
                .containsExactly(
                        "type_name: 'Detection Finding: Update' but it means 'Detection Finding: Close'");
        assertThat(after(f -> ((ObjectNode) f.at("/actor/user")).put("credential_uid", "AKIA")))
                .containsExactly(
                        "actor.user.credential_uid: deprecated: Use <code>programmatic_credentials</code> instead.");
        assertThat(after(f -> f.putNull("message")))
                .containsExactly("message: null (leave it out instead)");
        assertThat(after(f -> f.put("is_alert", "false")))
                .containsExactly("is_alert: expected boolean_t (boolean_t), got STRING");
    }
}
