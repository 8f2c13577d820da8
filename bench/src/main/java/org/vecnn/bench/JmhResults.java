package org.vecnn.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the sgemm rows of a JMH JSON result file ({@code -rf json}), so reports can be redrawn later. */
final class JmhResults {

    private JmhResults() {
    }

    static List<GflopsTable.Row> read(Path file) throws IOException {
        List<GflopsTable.Row> rows = new ArrayList<>();
        for (JsonElement element : JsonParser.parseString(Files.readString(file)).getAsJsonArray()) {
            JsonObject result = element.getAsJsonObject();
            String benchmark = result.get("benchmark").getAsString();
            JsonObject params = result.getAsJsonObject("params");
            JsonObject metric = result.getAsJsonObject("primaryMetric");
            if (params == null || !params.has("shape") || !params.has("library")) {
                continue;
            }
            rows.add(new GflopsTable.Row(benchmark.contains(SgemmTwoThreadsBenchmark.class.getSimpleName()) ? 2 : 1,
                    params.get("library").getAsString(), GemmShape.parse(params.get("shape").getAsString()),
                    metric.get("score").getAsDouble(), metric.get("scoreError").getAsDouble()));
        }
        return rows;
    }
}
