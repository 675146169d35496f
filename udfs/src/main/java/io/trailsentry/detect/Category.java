package io.trailsentry.detect;

/**
 * The behavioural categories of a stolen-credential campaign (README, "How it works"): the six of
 * the threat model, and two for what stolen credentials are used for besides compute (reading
 * secrets and reaching instances; sharing data out). Each detection's category is listed in
 * docs/policy.md, the numbers in docs/findings.md. Numbers are stored in state: append only.
 */
public enum Category {
    NEW_OR_RARE(1, "new or rare principal / source"),
    ENUMERATION(2, "rapid enumeration across services"),
    PERMISSION_VALIDATION(3, "permission validation"),
    COMPUTE_PROVISIONING(4, "sudden compute provisioning"),
    CONTAINER_WORKLOAD(5, "suspicious container workload"),
    FRICTION_PERSISTENCE(6, "response friction and persistence"),
    CREDENTIAL_ACCESS(7, "credential access and lateral movement"),
    EXPOSURE(8, "data exposure and exfiltration");

    public final int number;
    public final String label;

    Category(int number, String label) {
        this.number = number;
        this.label = label;
    }

    public int bit() {
        return 1 << ordinal();
    }

    public static Category ofNumber(int n) {
        return values()[n - 1];
    }
}
