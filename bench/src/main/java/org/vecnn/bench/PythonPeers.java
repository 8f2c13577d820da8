package org.vecnn.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * PyTorch and numpy measured in the same session as vecnn: runs the bundled {@code peers.py} (the same
 * workloads, one thread) with the first Python that can import the peers, and holds its figures. A peer
 * that cannot run leaves a one-line note saying how to install it, and the report skips its rows.
 *
 * <p>The Python is {@code $VECNN_PYTHON}, else {@code python3} on the path, else {@code /usr/bin/python3}
 * (where Debian's {@code python3-torch} and {@code python3-numpy} live).
 */
final class PythonPeers {

    private final Map<String, Double> figures;
    private final List<String> notes;

    private PythonPeers(Map<String, Double> figures, List<String> notes) {
        this.figures = figures;
        this.notes = notes;
    }

    /** A peer's figure for a measure ({@code pytorch mlp-training}, ...), if it ran. */
    OptionalDouble figure(String peer, String measure) {
        Double value = figures.get(peer + " " + measure);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** One line per peer that did not run, saying why and how to install it. */
    List<String> notes() {
        return notes;
    }

    /** Runs the peers, trying each candidate Python until one runs them all, else keeping the best one. */
    static PythonPeers measure(boolean quick) throws IOException, InterruptedException {
        Path script = Files.createTempFile("vecnn-peers", ".py");
        try (InputStream source = PythonPeers.class.getResourceAsStream("peers.py")) {
            Files.write(script, source.readAllBytes());
            PythonPeers best = null;
            for (String python : candidates()) {
                PythonPeers run = run(python, script, quick);
                if (best == null || run.figures.size() > best.figures.size()) {
                    best = run;
                }
                if (best.notes.isEmpty()) {
                    break;
                }
            }
            return best;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Set<String> candidates() {
        Set<String> pythons = new LinkedHashSet<>();
        String configured = System.getenv("VECNN_PYTHON");
        if (configured != null && !configured.isBlank()) {
            pythons.add(configured);
        }
        pythons.add("python3");
        pythons.add("/usr/bin/python3");
        return pythons;
    }

    private static PythonPeers run(String python, Path script, boolean quick) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(python, script.toString(), quick ? "--quick" : "--full");
        Map<String, String> environment = builder.environment();
        for (String threads : new String[] {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"}) {
            environment.put(threads, "1");
        }
        builder.redirectErrorStream(true);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            return parse(python, output);
        } catch (IOException e) {
            return new PythonPeers(Map.of(), List.of("PyTorch and numpy not measured: " + python
                    + " cannot be started; install them with: apt-get install python3-torch python3-numpy"));
        }
    }

    /** The figures and notes in the script's output: lines "peer measure value" and "missing peer reason". */
    static PythonPeers parse(String python, String output) {
        Map<String, Double> figures = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (String line : output.lines().toList()) {
            String[] words = line.strip().split(" ", 3);
            if (words.length == 3 && words[0].equals("missing")) {
                notes.add(words[1] + " not measured (" + python + "): " + words[2]);
            } else if (words.length == 3 && words[2].matches("[0-9.eE+-]+")) {
                figures.put(words[0] + " " + words[1], Double.parseDouble(words[2]));
            }
        }
        if (figures.isEmpty() && notes.isEmpty()) {
            notes.add("the peers did not run with " + python + ": "
                    + output.strip().lines().reduce((first, last) -> last).orElse("no output"));
        }
        return new PythonPeers(figures, notes);
    }
}
