package io.trailsentry.profile;

import java.util.Locale;

/**
 * Normalises where a call came from: source IP prefixes, user-agent families, instance families.
 */
public final class Sources {
    private Sources() {}

    /** IPv4 /24, IPv6 /48, or the service name for calls from AWS itself. */
    public static String prefix(String ip) {
        if (ip == null || ip.isEmpty()) {
            return "unknown";
        }
        if (ip.indexOf(':') >= 0) {
            String[] g = ip.split(":");
            return g.length >= 3 ? g[0] + ":" + g[1] + ":" + g[2] + "::/48" : ip;
        }
        int last = ip.lastIndexOf('.');
        boolean numeric = !ip.isEmpty() && Character.isDigit(ip.charAt(0)) && last > 0;
        return numeric ? ip.substring(0, last) + ".0/24" : ip.toLowerCase(Locale.ROOT);
    }

    /** The tool behind a user agent: console, aws-cli, boto3, terraform, sdk-java, sdk-go... */
    public static String userAgentFamily(String ua) {
        if (ua == null || ua.isEmpty()) {
            return "none";
        }
        String u = ua.toLowerCase(Locale.ROOT);
        if (u.contains("terraform")) {
            return "terraform";
        }
        if (u.contains("cloudformation")) {
            return "cloudformation";
        }
        if (u.startsWith("mozilla") || u.contains("console.amazonaws.com")) {
            return "console";
        }
        if (u.startsWith("aws-cli")) {
            return "aws-cli";
        }
        if (u.startsWith("boto3") || u.startsWith("botocore")) {
            return "boto3";
        }
        if (u.startsWith("aws-sdk-java")) {
            return "sdk-java";
        }
        if (u.startsWith("aws-sdk-go")) {
            return "sdk-go";
        }
        if (u.startsWith("aws-sdk-js") || u.contains("aws-sdk-nodejs")) {
            return "sdk-js";
        }
        if (u.startsWith("aws internal") || u.endsWith(".amazonaws.com")) {
            return "aws-internal";
        }
        int slash = u.indexOf('/');
        String head = slash > 0 ? u.substring(0, slash) : u;
        return head.length() > 32 ? head.substring(0, 32) : head;
    }

    /** {@code p3} for {@code p3.16xlarge}, {@code ml.p3} for {@code ml.p3.2xlarge}. */
    public static String family(String instanceType) {
        if (instanceType == null) {
            return "";
        }
        String t = instanceType.toLowerCase(Locale.ROOT);
        if (t.startsWith("ml.")) {
            int dot = t.indexOf('.', 3);
            return dot > 0 ? t.substring(0, dot) : t;
        }
        int dot = t.indexOf('.');
        return dot > 0 ? t.substring(0, dot) : t;
    }

    /** GPU, ML accelerator and FPGA families: what miners and model thieves ask for. */
    public static boolean isAccelerated(String instanceType) {
        String f = family(instanceType);
        if (f.startsWith("ml.")) {
            f = f.substring(3);
        }
        return f.matches("(p|g|gr|inf|trn|dl|f|vt)\\d.*");
    }

    /** A stable short key for an API or service name in bounded sets. */
    public static String hash(String s) {
        return Integer.toHexString(s == null ? 0 : s.hashCode());
    }
}
