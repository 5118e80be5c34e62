package io.github.cmlr.cli;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.DecimalSyntax;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.MemoryBudget;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar target/cmlr.jar <command> ...}. */
@Command(name = "cmlr", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "EM for mixtures of linear regressions with clustered (grouped) data, on CPU and GPU.")
public final class Main implements Runnable {
    /** The subcommands, in the order help lists them (then {@code help}). */
    private static final List<Class<?>> COMMANDS = List.of(
            ReproduceCommand.class, SweepCommand.class, MergeCommand.class, SummarizeCommand.class,
            SimulateCommand.class, FitCommand.class, PredictCommand.class, PlotCommand.class,
            CrosscheckCommand.class, NativeCheckCommand.class, BenchCommand.class);

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
        return execute(commandLine(args), args);
    }

    /**
     * Runs a command line: the exit code of the command, of its documented failure, or
     * {@link ExitCode#RESOURCES} when the JVM ran out of heap or stack (a plain message, no trace).
     */
    public static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            return handleExhaustion(e, cl.getErr());
        }
    }

    /** The command line with every subcommand. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> c : COMMANDS) cl.addSubcommand(instance(c));
        return configured(cl.addSubcommand(new CommandLine.HelpCommand()));
    }

    /**
     * The command line for {@code args}: when they start with a subcommand's name, with that
     * subcommand alone. picocli builds a command's model from its annotations by reflection, about
     * 0.2 s for all of them at the JVM's start, so a run builds only the one it executes; help,
     * errors and anything else get them all.
     */
    public static CommandLine commandLine(String... args) {
        if (args.length > 0) {
            for (Class<?> c : COMMANDS) {
                if (c.getAnnotation(Command.class).name().equals(args[0])) {
                    return configured(new CommandLine(new Main()).addSubcommand(instance(c)));
                }
            }
        }
        return commandLine();
    }

    private static Object instance(Class<?> c) {
        try {
            return CommandLine.defaultFactory().create(c);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the command " + c.getName(), e);
        }
    }

    /** Handlers and converters, set after the subcommands are added (picocli passes them only to those present). */
    private static CommandLine configured(CommandLine cl) {
        cl.setExecutionExceptionHandler(Main::handleFailure);
        cl.setParameterExceptionHandler(Main::handleUsage);
        // only the documented number formats: no hex floats, no "1.5d" (as in CSV cells and sweep files)
        cl.registerConverter(Double.class, Main::decimal);
        cl.registerConverter(Double.TYPE, Main::decimal);
        return cl;
    }

    private static Double decimal(String text) {
        try {
            return DecimalSyntax.parse(text);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
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

    private static int handleExhaustion(Throwable e, PrintWriter err) {
        if (e instanceof StackOverflowError) {
            err.println("cmlr: error: the Java stack overflowed: the input nests too deeply for this runtime; "
                    + "raise the stack size with -Xss (e.g. java -Xss64m -jar cmlr.jar ...) or simplify the input");
        } else {
            err.println("cmlr: error: the Java heap ran out of memory (limit "
                    + MemoryBudget.bytes(Runtime.getRuntime().maxMemory()) + "); " + MemoryBudget.HOW_TO_RAISE
                    + ", or make the request smaller (fewer nodes, features, runs or starts)");
        }
        err.flush();
        return ExitCode.RESOURCES.code();
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
