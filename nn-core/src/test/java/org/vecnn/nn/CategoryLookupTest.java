package org.vecnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecnn.matrix.Matrix;

/** The categorical columns' layer: its codes, the unknown rule, what adapt learns, and raw rows to scores. */
class CategoryLookupTest {

    private static final List<List<String>> VOCABULARIES = List.of(List.of(), List.of("employed", "unemployed",
            "retired"), List.of("own", "rent"));

    @Test
    void codesCountFromOneAndEverythingElseIsUnknown() {
        CategoryLookup lookup = new CategoryLookup(VOCABULARIES);
        assertEquals(1, lookup.code(1, "employed"));
        assertEquals(3, lookup.code(1, "retired"));
        assertEquals(CategoryLookup.UNKNOWN, lookup.code(1, "student"));
        assertEquals(CategoryLookup.UNKNOWN, lookup.code(1, "Employed"));
        assertArrayEquals(new float[] {31.5f, 2, 0}, lookup.encode("31.5", "unemployed", "castle"));
        assertThrows(IllegalArgumentException.class, () -> lookup.code(0, "31"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lookup.encode("thirty", "employed", "own"));
        assertTrue(e.getMessage().contains("column 0: 'thirty' is not a finite number"), e::getMessage);
    }

    @Test
    void eachCategoricalColumnIsAOneHotBlockWithTheUnknownFirst() {
        CategoryLookup lookup = new CategoryLookup(VOCABULARIES);
        assertEquals(1 + 4 + 3, lookup.outputWidth());
        Matrix codes = Matrix.wrap(4, 3, new float[] {7, 1, 2, -1, 3, 0, 2, 2.5f, 9, 0, -1, 1});
        Matrix expected = Matrix.wrap(4, 8, new float[] {
            7, 0, 1, 0, 0, 0, 0, 1,
            -1, 0, 0, 0, 1, 1, 0, 0,
            2, 1, 0, 0, 0, 1, 0, 0,
            0, 1, 0, 0, 0, 0, 1, 0});
        assertEquals(expected, lookup.apply(codes));
        Sequential model = new Sequential(lookup).build(3, 1L);
        assertEquals(expected, model.predict(codes));
        assertArrayEquals(new boolean[] {false, true, true, true, true, true, true, true}, lookup.oneHotOutputs());
    }

    @Test
    void adaptKeepsTheMostFrequentCategoriesWithTiesInTextOrder() {
        List<String[]> rows = List.of(row("1", "b", "x"), row("2", "a", "y"), row("3", "c", "x"), row("4", "b", "z"),
                row("5", "c", "x"), row("6", "d", "y"));
        CategoryLookup lookup = CategoryLookup.adapt(rows, new boolean[] {false, true, true}, 2);
        assertEquals(List.of(), lookup.vocabulary(0));
        assertEquals(List.of("b", "c"), lookup.vocabulary(1));
        assertEquals(List.of("x", "y"), lookup.vocabulary(2));
        assertEquals(CategoryLookup.UNKNOWN, lookup.code(1, "a"));
        assertEquals(List.of("x", "y", "z"), CategoryLookup.vocabularyOf(Map.of("z", 1, "y", 2, "x", 2), 10));
    }

    @Test
    void oneModelMapsRowsOfTextToScoresAndKeepsItsVocabulariesInItsFile(@TempDir Path dir) throws Exception {
        Sequential model = new Sequential(new CategoryLookup(VOCABULARIES), new Dense(3, "relu"), new Dense(1,
                "sigmoid")).build(3, 5L);
        List<String[]> rows = List.of(row("30", "employed", "own"), row("61", "retired", "rent"),
                row("22", "student", "rent"));
        Matrix scores = model.predictRows(rows);
        Matrix codes = Matrix.wrap(3, 3, new float[] {30, 1, 1, 61, 3, 2, 22, 0, 2});
        assertEquals(model.predict(codes), scores);
        Path file = dir.resolve("credit.vnn");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(VOCABULARIES.get(1), ((CategoryLookup) loaded.layers().getFirst()).vocabulary(1));
        assertEquals(scores, loaded.predictRows(rows));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loaded.predictRows(List.<String[]>of(row("30", "employed"))));
        assertTrue(e.getMessage().startsWith("row 0: "), e::getMessage);
    }

    @Test
    void aModelWithoutALookupReadsRowsOfNumbers() {
        Sequential model = new Sequential(new Dense(1)).build(2, 3L);
        assertEquals(model.predict(Matrix.wrap(1, 2, new float[] {1.5f, -2})),
                model.predictRows(Collections.singletonList(row("1.5", "-2"))));
    }

    @Test
    void badVocabulariesAreNamed() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new CategoryLookup(List.of(List.of("a", "b", "a"))));
        assertTrue(twice.getMessage().contains("the category 'a' twice"), twice::getMessage);
        List<String> huge = java.util.stream.IntStream.range(0, 7000).mapToObj(i -> "category-" + i).toList();
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> new CategoryLookup(List.of(huge)));
        assertTrue(tooLong.getMessage().contains("more than a model file keeps"), tooLong::getMessage);
        for (String bad : List.of("1:a1:a", "3:ab", "x:a", "", "1:a:")) {
            LayerConfig config = LayerConfig.create().put("columns", 1).put("vocabulary_0", bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Layer.fromConfig("CategoryLookup", null, config), () -> bad + " was taken");
            assertTrue(e.getMessage().contains("vocabulary_0"), e::getMessage);
        }
        LayerConfig beyond = LayerConfig.create().put("columns", 1).put("vocabulary_1", "1:a");
        assertThrows(IllegalArgumentException.class, () -> Layer.fromConfig("CategoryLookup", null, beyond));
        assertEquals(List.of("a:b", "", "1:"), ((CategoryLookup) Layer.fromConfig("CategoryLookup", null,
                LayerConfig.create().put("columns", 1).put("vocabulary_0", "3:a:b0:2:1:"))).vocabulary(0));
    }

    private static final List<String> README = List.of(
            "// Vocabularies learnt from rows of text (most frequent first), kept in the model; \"student\""
                    + " is unknown.",
            "List<String[]> rows = List.of(new String[] {\"31\", \"employed\", \"own\"}, new String[] {\"52\","
                    + " \"unemployed\", \"rent\"},",
            "        new String[] {\"24\", \"employed\", \"rent\"}, new String[] {\"45\", \"retired\", \"own\"});",
            "CategoryLookup lookup = CategoryLookup.adapt(rows, new boolean[] {false, true, true}, 50);",
            "Sequential credit = new Sequential(lookup, new Dense(8, \"relu\"), new Dense(1, \"sigmoid\")).build(7L);",
            "Matrix scores = credit.predictRows(List.<String[]>of(new String[] {\"38\", \"student\", \"own\"}));");

    @Test
    void theReadmeExampleIsThisOneAndRuns() throws java.io.IOException {
        org.vecnn.matrix.testkit.Readme.assertContains(README.stream().map(line -> "  " + line).toList(),
                "CategoryLookup example");
        // Vocabularies learnt from rows of text (most frequent first), kept in the model; "student" is unknown.
        List<String[]> rows = List.of(new String[] {"31", "employed", "own"}, new String[] {"52", "unemployed",
            "rent"}, new String[] {"24", "employed", "rent"}, new String[] {"45", "retired", "own"});
        CategoryLookup lookup = CategoryLookup.adapt(rows, new boolean[] {false, true, true}, 50);
        Sequential credit = new Sequential(lookup, new Dense(8, "relu"), new Dense(1, "sigmoid")).build(7L);
        Matrix scores = credit.predictRows(List.<String[]>of(new String[] {"38", "student", "own"}));
        assertEquals(List.of("employed", "retired", "unemployed"), lookup.vocabulary(1));
        assertEquals(credit.predict(new float[] {38, CategoryLookup.UNKNOWN, 1})[0], scores.get(0, 0));
    }

    private static String[] row(String... cells) {
        return cells;
    }
}
