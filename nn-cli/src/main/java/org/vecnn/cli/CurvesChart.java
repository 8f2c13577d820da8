package org.vecnn.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.vecnn.train.History;

/** {@code --plot}: the loss and metric curves of a fit, one line per quantity by epoch, as a PNG (XChart). */
final class CurvesChart {

    private CurvesChart() {
    }

    /** Draws the curves as a PNG to {@code out}. */
    static void write(History history, OutputStream out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Training curves")
                .xAxisTitle("epoch").yAxisTitle("value").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(0);
        for (Map.Entry<String, List<Double>> series : history.all().entrySet()) {
            List<Integer> epochs = IntStream.rangeClosed(1, series.getValue().size()).boxed().toList();
            chart.addSeries(series.getKey(), epochs, series.getValue());
        }
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
}
