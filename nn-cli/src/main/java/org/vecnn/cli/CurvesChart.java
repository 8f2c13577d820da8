package org.vecnn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.vecnn.nn.io.ModelWriter;
import org.vecnn.train.History;

/** {@code --plot}: the loss and metric curves of a fit, one line per quantity by epoch, as a PNG (XChart). */
final class CurvesChart {

    private CurvesChart() {
    }

    static void write(History history, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Training curves")
                .xAxisTitle("epoch").yAxisTitle("value").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(0);
        for (Map.Entry<String, List<Double>> series : history.all().entrySet()) {
            List<Integer> epochs = IntStream.rangeClosed(1, series.getValue().size()).boxed().toList();
            chart.addSeries(series.getKey(), epochs, series.getValue());
        }
        Path absolute = png.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".png");
        try {
            BitmapEncoder.saveBitmap(chart, temporary.toString(), BitmapEncoder.BitmapFormat.PNG);
            ModelWriter.readableByAll(temporary);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
