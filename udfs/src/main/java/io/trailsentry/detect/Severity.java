package io.trailsentry.detect;

/** Finding severities, numbered as OCSF {@code severity_id}. */
public enum Severity {
    INFO(1, "Informational"),
    LOW(2, "Low"),
    MEDIUM(3, "Medium"),
    HIGH(4, "High"),
    CRITICAL(5, "Critical");

    public final int id;
    public final String ocsfName;

    Severity(int id, String ocsfName) {
        this.id = id;
        this.ocsfName = ocsfName;
    }

    public static Severity ofId(int id) {
        for (Severity s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        return id > CRITICAL.id ? CRITICAL : INFO;
    }

    public boolean atLeast(Severity other) {
        return id >= other.id;
    }
}
