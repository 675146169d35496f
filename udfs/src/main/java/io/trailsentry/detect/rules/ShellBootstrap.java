package io.trailsentry.detect.rules;

import io.trailsentry.detect.Category;
import io.trailsentry.detect.Detection;
import io.trailsentry.detect.ResourceType;
import io.trailsentry.detect.Severity;
import java.util.regex.Pattern;

/** TS-CW-002: a container command that pipes a download into a shell. */
public final class ShellBootstrap extends Rule {
    static final Pattern SHELL = Pattern.compile("(^|[\\s/])(sh|bash|ash|dash)\\s+-c\\b");
    static final Pattern DOWNLOAD_PIPE =
            Pattern.compile("(curl|wget)[^|]*\\|\\s*(sh|bash)|base64\\s+-d");

    public static final Detection DETECTION =
            Detection.id("TS-CW-002")
                    .title("Container bootstraps through a shell download")
                    .category(Category.CONTAINER_WORKLOAD)
                    .severity(Severity.MEDIUM)
                    .technique("T1059.004", "Command and Scripting Interpreter: Unix Shell")
                    .tactic("Execution")
                    .matches("`sh -c` bootstrap piping a download into a shell")
                    .firstCheck(
                            "A task that pipes a downloaded script into a shell runs code nobody"
                                    + " reviewed; stop its services.")
                    .build();

    ShellBootstrap() {
        super(DETECTION);
    }

    @Override
    protected void evaluate(RuleContext c) {
        if (!c.taskDefinitionRegistered()) {
            return;
        }
        String commands = c.containerCommands();
        if (SHELL.matcher(commands).find() && DOWNLOAD_PIPE.matcher(commands).find()) {
            String td = c.taskDefinition();
            c.emit(
                            DETECTION,
                            "task definition "
                                    + td
                                    + " bootstraps with: "
                                    + RuleContext.excerpt(commands),
                            td)
                    .on(ResourceType.TASK_DEFINITION);
        }
    }
}
