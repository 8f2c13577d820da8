package org.vecnn.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vecnn.train.History;

/**
 * {@code --plot}: a fit's curves by epoch as one PNG (XChart), a panel for the loss and one per metric, each
 * quantity's training curve solid and its validation curve ({@code val_…}) dashed in the same colour, the
 * legend beside the plot so that it covers no curve.
 */
final class CurvesChart {

    private static final int WIDTH = 900;
    private static final int PANEL_HEIGHT = 320;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    private CurvesChart() {
    }

    /** Draws the panels, stacked, as a PNG to {@code out}. */
    static void write(History history, OutputStream out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, List<Double>> all = history.all();
        Map<String, List<String>> panels = new LinkedHashMap<>();
        for (String name : all.keySet()) {
            String quantity = name.startsWith("val_") ? name.substring(4) : name;
            panels.computeIfAbsent(quantity, key -> new ArrayList<>()).add(name);
        }
        List<BufferedImage> images = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<String, List<String>> panel : panels.entrySet()) {
            XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(panel.getKey())
                    .xAxisTitle("epoch").yAxisTitle(panel.getKey()).build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            Color color = COLOURS[colour++ % COLOURS.length];
            for (String name : panel.getValue()) {
                List<Double> values = all.get(name);
                List<Integer> epochs = IntStream.rangeClosed(1, values.size()).boxed().toList();
                XYSeries series = chart.addSeries(name.startsWith("val_") ? "validation" : "training", epochs, values);
                series.setMarker(SeriesMarkers.NONE);
                series.setLineColor(color);
                series.setLineStyle(name.startsWith("val_") ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
            }
            images.add(BitmapEncoder.getBufferedImage(chart));
        }
        BufferedImage sheet = new BufferedImage(WIDTH, Math.max(1, images.size()) * PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = sheet.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        for (int i = 0; i < images.size(); i++) {
            graphics.drawImage(images.get(i), 0, i * PANEL_HEIGHT, null);
        }
        graphics.dispose();
        ImageIO.write(sheet, "png", out);
    }
}
