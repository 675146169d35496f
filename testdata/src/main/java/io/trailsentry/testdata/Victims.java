package io.trailsentry.testdata;

import java.util.List;

/**
 * Principals whose credentials the attack scenarios use: each has quiet, regular history of its own
 * (a reporting job, a backup agent...), so a baseline exists before it is abused.
 */
final class Victims {
    private Victims() {}

    static Persona serviceUser(String name, String account, String ip, Rng rng) {
        return new Persona(
                        name,
                        Identity.iamUser(account, name, rng),
                        List.of("us-east-1"),
                        List.of(ip),
                        List.of(Organisation.REPORTING_UA),
                        0,
                        24,
                        false,
                        6)
                .call(5, r -> Calls.read("athena", "GetQueryResults"))
                .call(3, r -> ApiCall.write("athena", "StartQueryExecution"))
                .call(2, r -> Calls.s3Read("ListBuckets", null))
                .call(2, r -> Calls.s3Read("GetBucketLocation", "reports-" + account));
    }

    static Persona serviceRole(String role, String account, String ip, Rng rng) {
        return new Persona(
                        role,
                        Identity.assumedRole(account, role, role + "-session", rng),
                        List.of("us-east-1"),
                        List.of(ip),
                        List.of(Organisation.JAVA_SDK_UA),
                        0,
                        24,
                        false,
                        8)
                .call(5, r -> Calls.read("glue", "GetTable"))
                .call(3, r -> Calls.read("kms", "Decrypt"))
                .call(2, r -> Calls.read("sqs", "ReceiveMessage"))
                .call(1, r -> ApiCall.write("sqs", "DeleteMessage"));
    }
}
