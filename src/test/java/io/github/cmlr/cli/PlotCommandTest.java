package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** cmlr plot, rendered headless: every file exists, and every PNG shows more than a blank canvas. */
class PlotCommandTest {
    @TempDir
    Path dir;

    private static int run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        assertEquals(0, code, err.toString());
        return code;
    }

    @Test
    void plotsOfAFitOverItsData() throws IOException {
        Path data = FormulaCliTest.resource("npreg.csv");
        Path report = dir.resolve("fit.json");
        run("fit", data.toString(), "--formula", "yn ~ x + I(x^2)", "--k", "1..3", "--starts", "3", "--se", "none", "--backend", "cpu",
                "--quiet", "--out", report.toString());
        Path out = dir.resolve("plots");
        run("plot", report.toString(), "--data", data.toString(), "--out", out.toString());
        for (String base : List.of("loglik-trace", "criteria-by-k", "fitted-1", "fitted-2", "posterior-histogram")) {
            assertTrue(Files.size(out.resolve(base + ".svg")) > 1000, base + ".svg");
            assertNotBlank(out.resolve(base + ".png"));
        }
    }

    /** More than 1% of the pixels are not the background, in at least 3 colours (axes, text, series). */
    private static void assertNotBlank(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        int background = img.getRGB(0, 0);
        long other = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                if (c != background) other++;
                colours.add(c);
            }
        }
        assertTrue(other > img.getWidth() * (long) img.getHeight() / 100, png + ": only " + other + " pixels drawn");
        assertTrue(colours.size() >= 3, png + ": " + colours.size() + " colours");
    }
}
