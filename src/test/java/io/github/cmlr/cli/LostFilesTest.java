package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cmlr.util.AtomicFiles;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue class 2: no command may destroy one of its inputs (same path, relative path, symbolic
 * or hard link), no output is renamed over something that is not a regular file, and outputs
 * are created with the umask's permissions. Special files are made in the test's own directory
 * (mknod, mkfifo), never the system's /dev nodes.
 */
class LostFilesTest {
    private static final String DATA = "node,y,x1\na,1,2\na,2,3\nb,1,1\nb,5,2\nc,1,0\nc,2,1\n";

    @TempDir
    Path dir;

    private Path data() throws IOException {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, DATA);
        return f;
    }

    /** Runs the command, expects a usage error naming the options, and the input byte for byte unchanged. */
    private void refused(Path input, String... args) throws IOException {
        byte[] before = Files.readAllBytes(input);
        FitCliHarness.Result r = FitCliHarness.run(args);
        assertEquals(ExitCode.USAGE.code(), r.code(), String.join(" ", args) + "\n" + r.err());
        assertTrue(r.err().contains("would destroy the input") || r.err().contains("the same file"), r.err());
        assertArrayEquals(before, Files.readAllBytes(input), "the input is unchanged");
    }

    private static String[] fit(Path data, String out, String posteriors) {
        List<String> a = new ArrayList<>(List.of("fit", data.toString(), "--k", "1", "--backend", "cpu", "--quiet", "--out", out));
        if (posteriors != null) a.addAll(List.of("--posteriors", posteriors));
        return a.toArray(new String[0]);
    }

    @Test
    void fitRefusesOutputsThatAreItsInputByAnyName() throws IOException {
        Path d = data();
        refused(d, fit(d, d.toString(), null));
        refused(d, fit(d, dir.resolve("x").resolve("..").resolve("d.csv").toString(), null));
        refused(d, fit(d, dir.resolve("r.json").toString(), d.toString()));
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), d);
        refused(d, fit(d, link.toString(), null));
        Path hard = Files.createLink(dir.resolve("hard.json"), d);
        refused(d, fit(d, hard.toString(), null));
        Path linkedDir = Files.createSymbolicLink(dir.resolve("alias"), dir);
        refused(d, fit(d, linkedDir.resolve("d.csv").toString(), null));
        refused(d, fit(d, dir.resolve("r.json").toString(), dir.resolve("r.json").toString()));
    }

    @Test
    void predictRefusesAnOutputThatIsTheModelOrTheData() throws IOException {
        Path d = data();
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"features\": [\"x1\"], \"intercept\": false, \"components\": [{\"weight\": 1, \"sigma2\": 1, \"beta\": [1]}]}");
        refused(model, "predict", "--model", model.toString(), "--data", d.toString(), "--out", model.toString());
        refused(d, "predict", "--model", model.toString(), "--data", d.toString(), "--out", d.toString());
    }

    @Test
    void summarizeAndMergeRefuseOutputsThatAreTheirInputs() throws IOException {
        Path results = dir.resolve("res");
        Files.createDirectories(results);
        Path runs = results.resolve("runs.jsonl");
        Files.writeString(runs, "{}\n");
        Path out = Files.createDirectories(dir.resolve("sum"));
        Files.createSymbolicLink(out.resolve("summary.csv"), runs);
        refused(runs, "summarize", results.toString(), "--out", out.toString());
        Files.writeString(results.resolve("sweep.yaml"), "name: x\naxes: {m: 2, n: 2, d: 1}\nstopping: {max_iter: 1, target: 1}\n");
        refused(runs, "merge", "--out", results.toString(), runs.toString());
    }

    /** The temporary file is created like any new file: mode 0666 minus the umask, not 0600. */
    @Test
    void outputsHonourTheUmaskAndReplacedFilesKeepTheirMode() throws IOException {
        Path plain = dir.resolve("plain");
        Files.newOutputStream(plain).close();
        Set<PosixFilePermission> umaskDefault = Files.getPosixFilePermissions(plain);
        Path out = dir.resolve("out.txt");
        AtomicFiles.write(out, o -> o.write(1));
        assertEquals(umaskDefault, Files.getPosixFilePermissions(out));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(out, o -> o.write(2));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(out));
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(out));
    }

    /** A symbolic link to an output stays a link; its target gets the new content. */
    @Test
    void aLinkedOutputStaysALink() throws IOException {
        Path target = dir.resolve("target.txt");
        Files.writeString(target, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
        AtomicFiles.write(link, o -> o.write("new".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(target));
    }

    private boolean make(String... command) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isCharacterDevice(Path p) throws IOException {
        return (((Integer) Files.getAttribute(p, "unix:mode")) & 0170000) == 0020000;
    }

    /** A device like /dev/full is written in place and its failure reported; the node is never replaced. */
    @Test
    void aFullDeviceFailsTheWriteAndStaysADevice() throws Exception {
        Path full = dir.resolve("full");
        assumeTrue(make("mknod", full.toString(), "c", "1", "7"), "mknod needs root: the device case is not run here");
        Path d = data();
        FitCliHarness.Result r = FitCliHarness.run(fit(d, full.toString(), null));
        assertEquals(ExitCode.IO.code(), r.code(), r.err());
        assertTrue(r.err().contains("cannot write " + full) && r.err().contains("No space left on device"), r.err());
        assertTrue(isCharacterDevice(full), "the device node is still a device");
        Path nul = dir.resolve("null");
        assumeTrue(make("mknod", nul.toString(), "c", "1", "3"));
        assertEquals(0, FitCliHarness.run(fit(d, nul.toString(), null)).code());
        assertTrue(isCharacterDevice(nul), "the null device is still a device");
    }

    /** A FIFO is written straight to its reader, never renamed over. */
    @Test
    void aPipeReceivesTheOutputAndStaysAPipe() throws Exception {
        Path fifo = dir.resolve("pipe");
        assumeTrue(make("mkfifo", fifo.toString()), "mkfifo unavailable");
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        AtomicFiles.write(fifo, o -> o.write("through the pipe".getBytes(StandardCharsets.UTF_8)));
        assertEquals("through the pipe", new String(reader.get(20, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        assertTrue(((((Integer) Files.getAttribute(fifo, "unix:mode")) & 0170000) == 0010000), "still a FIFO");
    }

    @Test
    void aDirectoryIsNeverReplaced() throws IOException {
        Path taken = Files.createDirectory(dir.resolve("taken"));
        CmlrException e = org.junit.jupiter.api.Assertions.assertThrows(CmlrException.class,
                () -> AtomicFiles.write(taken, o -> o.write(1)));
        assertEquals(ExitCode.IO, e.exitCode());
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertTrue(Files.isDirectory(taken));
    }
}
