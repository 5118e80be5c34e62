package io.github.cmlr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java API example compiles and runs as a single-file program (as
 * {@code java -cp target/cmlr.jar Example.java} does, with the test class path in place of the
 * jar) and finds the two lines it simulates.
 */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    static String example() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("Java API");
        assertTrue(section >= 0 && readme.lastIndexOf("\n## ", section) >= 0, "README has a heading with 'Java API'");
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(section), "a java block after the Java API heading");
        return m.group(1);
    }

    @Test
    void readmeExampleRunsAndRecoversTheLines() throws Exception {
        Path src = dir.resolve("Example.java");
        Files.writeString(src, example());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), src.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("K = 2"), out);
        Matcher slopes = Pattern.compile("x = (-?[0-9.]+)").matcher(out);
        double sum = 0;
        int found = 0;
        while (slopes.find()) {
            sum += Double.parseDouble(slopes.group(1));
            found++;
        }
        assertEquals(2, found, out);
        assertEquals(2.5, sum, 0.1, "slopes 2 and 0.5: " + out);
    }
}
