package org.vecnn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxRuntimeReportTest {

    @Test
    void aRowGivesEachSidesMedianTimeAndTheMedianSpeedupOfNeighbouringPairs() {
        // vecnn, ONNX Runtime, vecnn, ...: speedups 2.0, 1.8, 2.5; the odd last iteration has no partner.
        AlternatingScores times = AlternatingScores.of(List.of(1000.0, 2000.0, 1000.0, 1800.0, 800.0, 2000.0, 5.0));
        assertEquals(String.format("%-10s %14s %16s   %s%n", "mlp", "1000", "2000", "2.00x (1.80-2.50)"),
                OnnxRuntimeReport.row("mlp", times));
    }
}
