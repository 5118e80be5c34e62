package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line builds only the subcommand a run names; help and anything else get every one. */
class MainTest {
    private static final Set<String> ALL = Set.of("reproduce", "sweep", "merge", "summarize", "simulate", "fit", "predict",
            "plot", "crosscheck", "native-check", "bench", "help");

    @Test
    void aRunBuildsOnlyItsSubcommand() {
        assertEquals(Set.of("fit"), Main.commandLine("fit", "data.csv").getSubcommands().keySet());
        assertEquals(Set.of("native-check"), Main.commandLine("native-check").getSubcommands().keySet());
    }

    @Test
    void helpVersionUnknownAndEmptyGetEverySubcommand() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "fit"}, {"--version"}, {"fti"}}) {
            assertEquals(ALL, Main.commandLine(args).getSubcommands().keySet(), String.join(" ", args));
        }
        assertEquals(ALL, Main.commandLine().getSubcommands().keySet());
    }

    @Test
    void aLazilyBuiltSubcommandKeepsTheHandlersAndNumberConverter() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine("simulate").setErr(new PrintWriter(err, true));
        int code = cl.execute("simulate", "--snr", "0x1p2", "--out", "unused.csv");
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("0x1p2"), err.toString());
    }
}
