package io.github.cmlr.cli;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar target/cmlr.jar <command> ...}. */
@Command(name = "cmlr", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "EM for mixtures of linear regressions with clustered (grouped) data, on CPU and GPU.",
        subcommands = {
            ReproduceCommand.class, SweepCommand.class, MergeCommand.class, SummarizeCommand.class,
            SimulateCommand.class, FitCommand.class, PredictCommand.class, PlotCommand.class,
            CrosscheckCommand.class, NativeCheckCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        configureLogging(args);
        System.exit(run(args));
    }

    /** Log lines go to stderr without thread names; --quiet keeps only warnings (set before any logger exists). */
    static void configureLogging(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
        boolean quiet = java.util.Arrays.asList(args).contains("--quiet");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", quiet ? "warn" : "info");
    }

    /** Runs the CLI and returns the exit code (tests call this directly). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handleFailure);
        cl.setParameterExceptionHandler(Main::handleUsage);
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    private static int handleFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof CmlrException ce) {
            err.println("cmlr: error: " + ce.getMessage());
            err.flush();
            return ce.exitCode().code();
        }
        err.println("cmlr: internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return ExitCode.SOFTWARE.code();
    }

    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("cmlr: usage error: " + e.getMessage());
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCode.USAGE.code();
    }
}
