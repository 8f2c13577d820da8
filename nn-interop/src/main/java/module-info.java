/**
 * Models trained elsewhere, as vecnn models: Keras 3 {@code .keras} archives and legacy Keras HDF5
 * {@code .h5} files ({@code org.vecnn.interop.ModelImport}), read in pure Java (jHDF for HDF5, Gson for the
 * configs). A model file is untrusted input: every problem is an {@code ImportException} naming the file
 * and the field, and no code from a file is ever evaluated.
 */
module org.vecnn.interop {
    requires transitive org.vecnn.nn;
    requires io.jhdf;
    requires com.google.gson;

    exports org.vecnn.interop;
}
