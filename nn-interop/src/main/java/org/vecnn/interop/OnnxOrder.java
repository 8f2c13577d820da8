package org.vecnn.interop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An ONNX graph's nodes in dependency order: files may list them out of order, although the standard forbids it. */
final class OnnxOrder {

    private OnnxOrder() {
    }

    /** The nodes in dependency order (Kahn's algorithm); a cycle or a missing input is an error. */
    static List<OnnxGraph.Node> sorted(OnnxGraph graph, String file) throws ImportException {
        Map<String, Integer> producer = new HashMap<>();
        List<OnnxGraph.Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (String output : nodes.get(i).outputs()) {
                producer.put(output, i);
            }
        }
        int[] waiting = new int[nodes.size()];
        List<List<Integer>> consumers = new ArrayList<>();
        nodes.forEach(node -> consumers.add(new ArrayList<>()));
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) {
                Integer from = producer.get(in);
                if (from != null && from != i) {
                    waiting[i]++;
                    consumers.get(from).add(i);
                }
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<OnnxGraph.Node> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(nodes.get(i));
            for (int next : consumers.get(i)) {
                if (--waiting[next] == 0) {
                    ready.add(next);
                }
            }
        }
        if (order.size() != nodes.size()) {
            throw new ImportException(file, "graph", "its nodes form a cycle");
        }
        return order;
    }
}
