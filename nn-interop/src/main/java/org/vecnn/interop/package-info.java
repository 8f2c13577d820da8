/**
 * Import of models trained with other tools: {@link org.vecnn.interop.ModelImport} reads a Keras 3
 * {@code .keras} archive or a legacy Keras HDF5 file into a built {@link org.vecnn.nn.Sequential} with the
 * file's weights, which predicts thread-safely and allocation-free like any vecnn model.
 */
package org.vecnn.interop;
