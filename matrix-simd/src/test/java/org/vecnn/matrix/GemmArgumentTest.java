package org.vecnn.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad sgemm argument is rejected by name before anything is written. */
@Tag("portable")
class GemmArgumentTest {

    /** A valid 2x3 = (2x4)·(4x3) call with one argument replaced. */
    private record Call(int m, int n, int k, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                        float[] c, int cOffset, int ldc) {
        static Call valid() {
            return new Call(2, 3, 4, new float[8], 0, 4, new float[12], 0, 3, new float[6], 0, 3);
        }
    }

    static Stream<Arguments> badCalls() {
        Call v = Call.valid();
        return Stream.of(
                Arguments.of("m", new Call(-1, 3, 4, v.a, 0, 4, v.b, 0, 3, v.c, 0, 3)),
                Arguments.of("n", new Call(2, -3, 4, v.a, 0, 4, v.b, 0, 3, v.c, 0, 3)),
                Arguments.of("k", new Call(2, 3, -4, v.a, 0, 4, v.b, 0, 3, v.c, 0, 3)),
                Arguments.of("lda", new Call(2, 3, 4, v.a, 0, 3, v.b, 0, 3, v.c, 0, 3)),
                Arguments.of("ldb", new Call(2, 3, 4, v.a, 0, 4, v.b, 0, 2, v.c, 0, 3)),
                Arguments.of("ldc", new Call(2, 3, 4, v.a, 0, 4, v.b, 0, 3, v.c, 0, 0)),
                Arguments.of("aOffset", new Call(2, 3, 4, v.a, -1, 4, v.b, 0, 3, v.c, 0, 3)),
                Arguments.of("bOffset", new Call(2, 3, 4, v.a, 0, 4, v.b, -2, 3, v.c, 0, 3)),
                Arguments.of("cOffset", new Call(2, 3, 4, v.a, 0, 4, v.b, 0, 3, v.c, -3, 3)),
                Arguments.of("array a is too short", new Call(2, 3, 4, new float[7], 0, 4, v.b, 0, 3, v.c, 0, 3)),
                Arguments.of("array a is too short", new Call(2, 3, 4, v.a, 1, 4, v.b, 0, 3, v.c, 0, 3)),
                Arguments.of("array b is too short", new Call(2, 3, 4, v.a, 0, 4, new float[11], 0, 3, v.c, 0, 3)),
                Arguments.of("array c is too short", new Call(2, 3, 4, v.a, 0, 4, v.b, 0, 3, v.c, 0, 4)),
                Arguments.of("array c is too short", new Call(2, 3, 4, v.a, 0, 4, v.b, 0, 3, new float[5], 0, 3)),
                Arguments.of("a must not be null", new Call(2, 3, 4, null, 0, 4, v.b, 0, 3, v.c, 0, 3)),
                Arguments.of("c must not be null", new Call(2, 3, 4, v.a, 0, 4, v.b, 0, 3, null, 0, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void rejectsTheArgumentByNameAndLeavesEverythingUntouched(String name, Call call) {
        float[] a = call.a() == null ? null : filled(call.a().length, 1f);
        float[] b = filled(call.b().length, 2f);
        float[] c = call.c() == null ? null : filled(call.c().length, 3f);
        float[] a0 = a == null ? null : a.clone();
        float[] b0 = b.clone();
        float[] c0 = c == null ? null : c.clone();
        RuntimeException e = assertThrows(RuntimeException.class, () -> Gemm.sgemm(false, false,
                call.m(), call.n(), call.k(), 1f, a, call.aOffset(), call.lda(), b, call.bOffset(), call.ldb(),
                0f, c, call.cOffset(), call.ldc()));
        assertTrue(e instanceof IllegalArgumentException || e instanceof NullPointerException, e.toString());
        assertTrue(e.getMessage().startsWith(name) || e.getMessage().contains(name),
                () -> "message '" + e.getMessage() + "' does not name " + name);
        assertArrayEquals(a0, a);
        assertArrayEquals(b0, b);
        assertArrayEquals(c0, c);
    }

    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    void leadingDimensionsFollowTheStoredShape(boolean transA, boolean transB) {
        // op(A) is 2x4 and op(B) 4x3; stored A is 4x2 when transposed, stored B 3x4.
        int lda = transA ? 2 : 4;
        int ldb = transB ? 4 : 3;
        Gemm.sgemm(transA, transB, 2, 3, 4, 1f, new float[8], 0, lda, new float[12], 0, ldb, 0f, new float[6], 0, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(transA, transB,
                2, 3, 4, 1f, new float[8], 0, lda - 1, new float[12], 0, ldb, 0f, new float[6], 0, 3));
        assertTrue(e.getMessage().startsWith("lda"), e.getMessage());
    }

    static Stream<Arguments> transposes() {
        return Stream.of(Arguments.of(false, false), Arguments.of(false, true), Arguments.of(true, false),
                Arguments.of(true, true));
    }

    private static float[] filled(int length, float value) {
        float[] data = new float[length];
        java.util.Arrays.fill(data, value);
        return data;
    }
}
