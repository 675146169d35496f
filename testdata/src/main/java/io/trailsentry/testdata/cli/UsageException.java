package io.trailsentry.testdata.cli;

/**
 * {@code --help}, or a mistake on a tool's command line: reported as the tool's usage (exit status
 * 0) or as one line naming the mistake followed by the usage (exit status 2), without a stack
 * trace.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String tool;
    private final String usage;
    private final boolean help;

    UsageException(String tool, String message, String usage, boolean help) {
        super(message, null, false, false);
        this.tool = tool;
        this.usage = usage;
        this.help = help;
    }

    /** Whether help was asked for (not a mistake). */
    public boolean help() {
        return help;
    }

    /** The tool's help text. */
    public String usage() {
        return usage;
    }

    /** The one-line report of the mistake, e.g. {@code "generate: unknown flag --outt"}. */
    public String line() {
        return tool + ": " + getMessage();
    }
}
