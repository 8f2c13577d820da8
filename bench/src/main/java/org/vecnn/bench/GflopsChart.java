package org.vecnn.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Draws the one-thread GFLOP/s of every library across shapes as a grouped bar chart (PNG, via XChart). */
final class GflopsChart {

    private GflopsChart() {
    }

    static void write(Collection<GflopsTable.Row> rows, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<GflopsTable.Row> oneThread = rows.stream().filter(row -> row.threads() == 1).toList();
        List<String> shapes = oneThread.stream().map(row -> row.shape().toString()).distinct().toList();
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(650)
                .title("sgemm, one thread: GFLOP/s by shape (M x K x N), higher is better")
                .xAxisTitle("shape").yAxisTitle("GFLOP/s").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setAvailableSpaceFill(0.85);
        for (String library : SgemmLibrary.NAMES) {
            List<Double> values = shapes.stream().map(shape -> oneThread.stream()
                    .filter(row -> row.library().equals(library) && row.shape().toString().equals(shape))
                    .findFirst().map(GflopsTable.Row::gflops).orElse(0.0)).toList();
            if (values.stream().anyMatch(value -> value > 0)) {
                chart.addSeries(library, shapes, values);
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
