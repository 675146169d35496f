package io.trailsentry.testdata.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, run on a local file with no way out: every host name resolves to
 * nothing and every connection goes to a closed local port, background services are off, and the
 * profile is a fresh temporary directory. {@code TRAILSENTRY_CHROMIUM} names the binary, else
 * {@code chromium} on the PATH (.ci/run installs it).
 */
final class Chromium {
    private final String binary;

    private Chromium(String binary) {
        this.binary = binary;
    }

    static Chromium find() {
        String configured = System.getenv("TRAILSENTRY_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return new Chromium(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return new Chromium(Path.of(dir, name).toString());
                }
            }
        }
        throw new IllegalStateException(
                "headless Chromium is needed for this test: apt-get install -y chromium"
                        + " (.ci/run installs it), or set TRAILSENTRY_CHROMIUM");
    }

    /** The DOM after Chromium parsed and rendered {@code page}. */
    String dumpDom(Path page) throws Exception {
        return run(page, "--dump-dom");
    }

    /** A PNG of {@code page} in a window {@code width} x {@code height}. */
    void screenshot(Path page, Path png, int width, int height) throws Exception {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height);
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new IOException("Chromium wrote no screenshot " + png);
        }
    }

    private String run(Path page, String... what) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = Files.createTempFile("chromium", ".out");
        List<String> cmd = new ArrayList<>();
        cmd.add(binary);
        cmd.add("--headless");
        cmd.add("--no-sandbox"); // CI runs as root
        cmd.add("--disable-gpu");
        cmd.add("--hide-scrollbars");
        cmd.add("--no-first-run");
        cmd.add("--disable-background-networking");
        cmd.add("--disable-component-update");
        cmd.add("--disable-sync");
        cmd.add("--disable-extensions");
        cmd.add("--no-pings");
        cmd.add("--proxy-server=127.0.0.1:9");
        cmd.add("--host-resolver-rules=MAP * ~NOTFOUND");
        cmd.add("--user-data-dir=" + profile);
        cmd.addAll(List.of(what));
        cmd.add(page.toAbsolutePath().toUri().toString());
        Process p =
                new ProcessBuilder(cmd)
                        .redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                throw new IOException("Chromium did not finish within 90 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("Chromium exited with " + p.exitValue());
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
