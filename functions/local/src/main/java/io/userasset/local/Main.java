package io.userasset.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code bin/userasset}: the whole engine on a laptop, no AWS account — DynamoDB Local, ElasticMQ and
 * S3Proxy in-process, the Lambda handlers driven by local event sources, day by day in event time —
 * on a generated population or on your own event or order files, with an HTML report.
 */
@Command(name = "userasset", mixinStandardHelpOptions = true, version = "userasset 0.1.0-SNAPSHOT",
        description = "Runs the User Asset Engine locally (no AWS account) and writes profiles, snapshots, metrics, "
                + "actions, alerts, a cost projection and an HTML report.",
        subcommands = {DemoCommand.class, ReplayCommand.class, ImportOrdersCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    final PrintStream out;
    final PrintStream err;
    final String[] args;

    Main(PrintStream out, PrintStream err, String[] args) {
        this.out = out;
        this.err = err;
        this.args = args;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs a command line with the given console streams; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main(out, err, args));
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("userasset: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (System.getenv("USERASSET_DEBUG") != null) e.printStackTrace(err);
            return 1;
        });
        return cl.execute(args);
    }

    String commandLine() {
        return "userasset " + String.join(" ", args);
    }
}
