package io.trailsentry.detect.rules;

import io.trailsentry.cloudtrail.CloudTrailEvent;
import io.trailsentry.cloudtrail.RequestFacts;
import io.trailsentry.cloudtrail.UserIdentity;
import io.trailsentry.principal.Principal;

/** A builder of decoded events for rule tests; defaults are the victim's usual habits. */
final class Events {
    static final String ACCOUNT = "111122223333";
    static final Principal VICTIM =
            new Principal(
                    ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/svc-reporting", "IAMUser", null);

    private final CloudTrailEvent e = new CloudTrailEvent();

    static Events event(String service, String name, long time) {
        Events b = new Events();
        b.e.eventSource = service + ".amazonaws.com";
        b.e.eventName = name;
        b.e.eventTime = time;
        b.e.awsRegion = "us-east-1";
        b.e.sourceIpAddress = "198.51.100.90";
        b.e.userAgent = "Boto3/1.26.137 Python/3.9.16";
        b.e.recipientAccountId = ACCOUNT;
        b.e.userIdentity = new UserIdentity();
        b.e.userIdentity.type = "IAMUser";
        b.e.userIdentity.accessKeyId = "AKIAUSUALKEY";
        b.e.principal = VICTIM;
        b.e.facts = new RequestFacts();
        return b;
    }

    Events id(String id) {
        e.eventId = id;
        return this;
    }

    Events readOnly() {
        e.readOnly = true;
        return this;
    }

    Events from(String ip, String ua) {
        e.sourceIpAddress = ip;
        e.userAgent = ua;
        return this;
    }

    Events key(String key) {
        e.userIdentity.accessKeyId = key;
        return this;
    }

    Events region(String r) {
        e.awsRegion = r;
        return this;
    }

    Events error(String code) {
        e.errorCode = code;
        return this;
    }

    Events quota(String code) {
        e.facts.quotaCode = code;
        return this;
    }

    Events types(String... t) {
        e.facts.instanceTypes = t;
        return this;
    }

    Events count(int n) {
        e.facts.instanceCount = n;
        return this;
    }

    Events instances(String... ids) {
        e.facts.instanceIds = ids;
        return this;
    }

    Events asg(String name, int min, int desired, int max) {
        e.facts.autoScalingGroupName = name;
        e.facts.minSize = min;
        e.facts.desiredCapacity = desired;
        e.facts.maxSize = max;
        return this;
    }

    Events task(String image, String commands) {
        e.facts.images = new String[] {image};
        e.facts.containerCommands = commands;
        e.facts.taskDefinition = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task-definition/t:1";
        e.facts.cpu = 4096;
        return this;
    }

    Events protect(boolean on) {
        e.facts.disableApiTermination = on;
        return this;
    }

    Events scaleIn(String group) {
        e.facts.autoScalingGroupName = group;
        e.facts.protectedFromScaleIn = true;
        return this;
    }

    Events role(String role, String policy) {
        e.facts.roleName = role;
        e.facts.policyArn = policy;
        return this;
    }

    Events newKey(String user, String key) {
        e.facts.userName = user;
        e.facts.createdAccessKeyId = key;
        return this;
    }

    Events url(String function, String auth) {
        e.facts.functionName = function;
        e.facts.functionUrlAuthType = auth;
        return this;
    }

    Events cluster(String name) {
        e.facts.clusterName = name;
        return this;
    }

    /**
     * Facts from real-shape request and response JSON ({@code '} for {@code "}), extracted as the
     * decoder does.
     */
    Events json(String request, String response) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper m =
                    new com.fasterxml.jackson.databind.ObjectMapper();
            e.facts =
                    io.trailsentry.cloudtrail.FactsExtractor.extract(
                            request == null ? null : m.readTree(request.replace('\'', '"')),
                            response == null ? null : m.readTree(response.replace('\'', '"')));
        } catch (java.io.IOException x) {
            throw new IllegalArgumentException(x);
        }
        return this;
    }

    CloudTrailEvent build() {
        return e;
    }
}
