package io.trailsentry.detect;

/**
 * The six behavioural categories of a stolen-credential campaign (README, "How it works"): each
 * detection's category is listed in docs/policy.md, the numbers in docs/findings.md.
 */
public enum Category {
    NEW_OR_RARE(1, "new or rare principal / source"),
    ENUMERATION(2, "rapid enumeration across services"),
    PERMISSION_VALIDATION(3, "permission validation"),
    COMPUTE_PROVISIONING(4, "sudden compute provisioning"),
    CONTAINER_WORKLOAD(5, "suspicious container workload"),
    FRICTION_PERSISTENCE(6, "response friction and persistence");

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
