package org.vecnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/** vecnn's packages depend on each other in one direction only: jdeps finds no cycle among them. */
class PackageCycleTest {

    /** A module's classes or jar in this build (target/), or as installed in the local repository. */
    private static final Pattern VECNN_ARCHIVE =
            Pattern.compile("/(matrix-simd|nn-core|nn-train|nn-interop|nn-cli)/target/|/org/vecnn/");
    private static final Pattern EDGE = Pattern.compile("^\\s+(org\\.vecnn\\S*)\\s+->\\s+(org\\.vecnn\\S*)\\s");

    @Test
    void thePackagesFormNoCycle() {
        List<String> archives = new ArrayList<>();
        List<String> modulePath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("test-classes") || entry.contains("-tests")) {
                continue;
            }
            modulePath.add(entry);
            if (VECNN_ARCHIVE.matcher(entry).find()) {
                archives.add(entry);
            }
        }
        assertTrue(archives.size() >= 5, "vecnn's modules on the class path: " + archives);
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String archive : archives) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
            int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "--module-path",
                    String.join(File.pathSeparator, modulePath), "--multi-release", "25", "--ignore-missing-deps",
                    "-verbose:package", archive);
            assertEquals(0, status, () -> archive + ": " + err + out);
            for (String line : out.toString().split("\n")) {
                Matcher m = EDGE.matcher(line);
                if (m.find() && !m.group(1).equals(m.group(2))) {
                    edges.computeIfAbsent(m.group(1), p -> new TreeSet<>()).add(m.group(2));
                }
            }
        }
        assertTrue(edges.containsKey("org.vecnn.nn"), "jdeps found no package dependencies: " + edges);
        assertTrue(edges.containsKey("org.vecnn.interop"), "jdeps did not see nn-interop: " + edges);
        for (String start : edges.keySet()) {
            List<String> cycle = cycleFrom(start, start, edges, new ArrayList<>(List.of(start)), new TreeSet<>());
            assertTrue(cycle.isEmpty(), () -> "a package cycle: " + String.join(" -> ", cycle));
        }
    }

    /** A path from {@code at} back to {@code start}, or an empty list. */
    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> edges, List<String> path,
                                          Set<String> visited) {
        for (String next : edges.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (visited.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, edges, path, visited);
                if (!found.isEmpty()) {
                    return found;
                }
                path.removeLast();
            }
        }
        return List.of();
    }
}
