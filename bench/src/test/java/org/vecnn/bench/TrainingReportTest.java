package org.vecnn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingReportTest {

    @Test
    void percentilesAreNearestRank() {
        List<Double> values = List.of(4.0, 1.0, 3.0, 2.0);
        assertEquals(2.0, AlternatingScores.percentile(values, 50));
        assertEquals(1.0, AlternatingScores.percentile(values, 25));
        assertEquals(3.0, AlternatingScores.percentile(values, 75));
        assertTrue(Double.isNaN(AlternatingScores.percentile(List.of(), 50)));
    }

    @Test
    void neighbouringIterationsArePairedOneThreadFirst() {
        // Iterations alternate 1, 2, 1, 2, 1, 2 threads; the odd one at the end has no partner.
        PythonPeers peers = PythonPeers.parse("python3",
                "pytorch mlp-training 42000.0\npytorch tutorial-fit-ms 300.0\n");
        String table = TrainingReport.render(63_000, 10.0, peers,
                AlternatingScores.of(List.of(100.0, 160.0, 50.0, 90.0, 100.0, 170.0, 80.0)));
        assertTrue(table.contains("3 pairs"), table);
        assertTrue(table.contains("median 1.70x (quartiles 1.60x to 1.80x)"), table);
        assertTrue(table.contains("one thread median 100 samples/s, two threads 160"), table);
        assertTrue(table.contains("63,000") && table.contains("1.50x"), table);
        assertTrue(table.contains("30.00x"), table);
    }

    @Test
    void aMissingPeerIsOneLineSayingHowToInstallIt() {
        PythonPeers peers = PythonPeers.parse("python3",
                "numpy mlp-inference 1.5e5\nmissing pytorch No module named 'torch'; install it with: apt-get install"
                        + " python3-torch\n");
        assertEquals(150_000, peers.figure("numpy", "mlp-inference").orElseThrow());
        assertTrue(peers.figure("pytorch", "mlp-training").isEmpty());
        assertEquals(List.of("pytorch not measured (python3): No module named 'torch'; install it with: apt-get install"
                + " python3-torch"), peers.notes());
        String table = TrainingReport.render(63_000, 10.0, peers, AlternatingScores.of(List.of(100.0, 160.0)));
        assertTrue(table.startsWith("pytorch not measured"), table);
    }
}
