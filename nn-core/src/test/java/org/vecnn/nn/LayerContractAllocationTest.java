package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The allocation part of the layer contract: with every case's layer between two Dense layers, single-sample
 * prediction allocates nothing once warm (measured as {@link InferenceAllocationTest} measures it).
 */
class LayerContractAllocationTest {

    static Stream<LayerCases.Case> cases() {
        return LayerCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void predictAllocatesNothingWhenWarm(LayerCases.Case c) {
        Sequential model = LayerContractTest.model(c, 7L);
        float[] input = {0.3f, -0.7f, 0.1f};
        float[] output = new float[2];
        assertEquals(0, InferenceAllocationTest.leastBytesPerRound(() -> {
            for (int i = 0; i < 20_000; i++) {
                input[0] = i * 1e-5f;
                model.predict(input, output);
            }
        }), c::name);
    }
}
