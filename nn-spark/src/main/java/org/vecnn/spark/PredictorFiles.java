package org.vecnn.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.SparkSession;
import org.vecnn.nn.ModelFileException;
import org.vecnn.nn.Sequential;
import scala.Option;

/**
 * A {@link VecnnPredictor} on disk, as Spark ML keeps its stages (so that a saved {@code PipelineModel}
 * holding one loads again): Spark's params metadata in {@code metadata/}, and the vecnn model file as
 * {@code model.vnn}, on any file system Hadoop reaches. The model file is checked when read.
 */
final class PredictorFiles {

    private static final String MODEL = "model.vnn";

    private PredictorFiles() {
    }

    /** Writes a predictor's params and model file. */
    static final class Writer extends MLWriter {

        private final VecnnPredictor predictor;
        private final byte[] modelFile;

        Writer(VecnnPredictor predictor, byte[] modelFile) {
            this.predictor = predictor;
            this.modelFile = modelFile;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(predictor, path, sparkSession());
            Path file = new Path(path, MODEL);
            try (OutputStream out = fileSystem(sparkSession(), file).create(file, false)) {
                out.write(modelFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Reads a predictor written by {@link Writer}. */
    static final class Reader extends MLReader<VecnnPredictor> {

        @Override
        public VecnnPredictor load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    VecnnPredictor.class.getName());
            Path file = new Path(path, MODEL);
            byte[] bytes;
            try (InputStream in = fileSystem(sparkSession(), file).open(file)) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            try {
                Sequential.load(bytes, file.toString());
            } catch (ModelFileException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            VecnnPredictor predictor = VecnnPredictor.of(metadata.uid(), bytes);
            metadata.getAndSetParams(predictor, Option.empty());
            return predictor;
        }
    }

    private static FileSystem fileSystem(SparkSession spark, Path file) throws IOException {
        return file.getFileSystem(spark.sparkContext().hadoopConfiguration());
    }
}
