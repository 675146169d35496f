package io.trailsentry.responder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stand-in's answers in the JSON protocol: ECS from the world (lists paged as ECS pages them);
 * DynamoDB in {@link DynamoAnswers}.
 */
final class JsonAnswers {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int PAGE = 100;

    private final StandInWorld w;
    final DynamoAnswers dynamo = new DynamoAnswers();

    JsonAnswers(StandInWorld w) {
        this.w = w;
    }

    /** [status, body] */
    String[] answer(AwsStandIn.Call c, JsonNode req) {
        return c.service.equals("dynamodb") ? dynamo.answer(c, req) : ecs(c, req);
    }

    private String[] ecs(AwsStandIn.Call c, JsonNode req) {
        String name = req.path("cluster").asText(null);
        if (name != null) {
            name = name.substring(name.lastIndexOf('/') + 1);
        }
        StandInWorld.Cluster cl = name == null ? null : w.clusters.get(name);
        ObjectNode out = JSON.createObjectNode();
        switch (c.operation) {
            case "DescribeClusters":
                ArrayNode found = out.putArray("clusters");
                ArrayNode failures = out.putArray("failures");
                for (JsonNode n : req.path("clusters")) {
                    StandInWorld.Cluster x = w.clusters.get(n.asText());
                    if (x == null) {
                        failures.addObject().put("arn", n.asText()).put("reason", "MISSING");
                    } else {
                        found.addObject()
                                .put("clusterName", n.asText())
                                .put("status", x.status)
                                .put("registeredContainerInstancesCount", x.containerInstances);
                    }
                }
                return ok(out);
            case "ListServices":
            case "ListTasks":
                if (cl == null) {
                    return notFound();
                }
                List<String> all = new ArrayList<>();
                if (c.operation.equals("ListServices")) {
                    cl.services.stream()
                            .filter(s -> s.status.equals("ACTIVE"))
                            .forEach(
                                    s ->
                                            all.add(
                                                    "arn:aws:ecs:"
                                                            + c.region
                                                            + ":111122223333:service/"
                                                            + req.path("cluster").asText()
                                                            + "/"
                                                            + s.name));
                } else {
                    cl.tasks.stream()
                            .filter(t -> t.desiredStatus.equals("RUNNING"))
                            .forEach(t -> all.add(t.arn));
                }
                int from = req.path("nextToken").asInt(0);
                int to = Math.min(all.size(), from + PAGE);
                out.set(
                        c.operation.equals("ListServices") ? "serviceArns" : "taskArns",
                        JSON.valueToTree(all.subList(from, to)));
                if (to < all.size()) {
                    out.put("nextToken", Integer.toString(to));
                }
                return ok(out);
            case "DescribeServices":
                if (cl == null) {
                    return notFound();
                }
                ArrayNode services = out.putArray("services");
                for (JsonNode n : req.path("services")) {
                    StandInWorld.Service s = cl.service(n.asText());
                    if (s == null) {
                        out.withArray("failures")
                                .addObject()
                                .put("arn", n.asText())
                                .put("reason", "MISSING");
                        continue;
                    }
                    ObjectNode o =
                            services.addObject()
                                    .put("serviceName", s.name)
                                    .put("status", s.status)
                                    .put("createdAt", seconds(s.created));
                    if (s.createdBy != null) {
                        o.put("createdBy", s.createdBy);
                    }
                }
                return ok(out);
            case "DescribeTasks":
                if (cl == null) {
                    return notFound();
                }
                ArrayNode tasks = out.putArray("tasks");
                for (JsonNode n : req.path("tasks")) {
                    StandInWorld.Task t = cl.task(n.asText());
                    if (t == null) {
                        out.withArray("failures")
                                .addObject()
                                .put("arn", n.asText())
                                .put("reason", "MISSING");
                        continue;
                    }
                    tasks.addObject()
                            .put("taskArn", t.arn)
                            .put("group", t.group)
                            .put("desiredStatus", t.desiredStatus)
                            .put("lastStatus", t.desiredStatus)
                            .put("createdAt", seconds(t.created));
                }
                return ok(out);
            case "DescribeTaskDefinition":
                StandInWorld.TaskDefinition td =
                        w.taskDefinition(req.path("taskDefinition").asText());
                ObjectNode d =
                        out.putObject("taskDefinition")
                                .put("status", td.status)
                                .put("registeredAt", seconds(td.registered));
                if (td.registeredBy != null) {
                    d.put("registeredBy", td.registeredBy);
                }
                return ok(out);
            case "DeregisterTaskDefinition":
                w.taskDefinition(req.path("taskDefinition").asText()).status = "INACTIVE";
                return ok(out);
            case "StopTask":
                if (cl != null && cl.task(req.path("task").asText()) != null) {
                    cl.task(req.path("task").asText()).desiredStatus = "STOPPED";
                }
                return ok(out);
            case "DeleteService":
                if (cl != null && cl.service(req.path("service").asText()) != null) {
                    StandInWorld.Service s = cl.service(req.path("service").asText());
                    s.status = "INACTIVE";
                    cl.tasks.stream()
                            .filter(t -> t.group.equals("service:" + s.name))
                            .forEach(t -> t.desiredStatus = "STOPPED");
                }
                return ok(out);
            case "DeleteCluster":
                if (cl != null) {
                    cl.status = "INACTIVE";
                }
                return ok(out);
            default:
                return ok(out);
        }
    }

    private static String[] notFound() {
        return new String[] {
            "400", "{\"__type\":\"ClusterNotFoundException\",\"message\":\"Cluster not found.\"}"
        };
    }

    static double seconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    static String[] ok(ObjectNode out) {
        return new String[] {"200", out.toString()};
    }
}
