package org.vecnn.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model} option the commands that read a saved model share (a picocli mixin). */
final class ModelOption {

    @Option(names = "--model", required = true, description = "the model file")
    Path model;
}
