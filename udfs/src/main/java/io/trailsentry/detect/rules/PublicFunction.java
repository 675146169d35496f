package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import io.trailsentry.profile.ActionClass;

/** TS-PE-003: a Lambda function URL without auth, or a permission granted to {@code *}. */
public final class PublicFunction extends Rule {
    public static final Detection DETECTION =
            Detection.id("TS-PE-003")
                    .title("Lambda function exposed to anyone")
                    .category(Category.FRICTION_PERSISTENCE)
                    .severity(Severity.HIGH)
                    .technique("T1098", "Account Manipulation")
                    .tactic("Persistence")
                    .matches("Lambda function URL with `authType NONE`, permission to `*`")
                    .firstCheck(
                            "A public function URL or a '*' permission is a backdoor; remove it"
                                    + " and review the function's role.")
                    .build();

    PublicFunction() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (c.event.failed()) {
            return;
        }
        String name = c.event.eventName;
        String function = RuleContext.orUnknown(c.facts().functionName);
        String how = null;
        if (("CreateFunctionUrlConfig".equals(name) || "UpdateFunctionUrlConfig".equals(name))
                && "NONE".equals(c.facts().functionUrlAuthType)) {
            how = " authType NONE on ";
        } else if (name.startsWith("AddPermission") && "*".equals(c.facts().permissionPrincipal)) {
            how = " grants '*' on ";
        }
        if (how != null) {
            c.emitFor(ActionClass.LAMBDA_PUBLIC, DETECTION, name + how + function, function)
                    .on(ResourceType.LAMBDA_FUNCTION);
        }
    }
}
