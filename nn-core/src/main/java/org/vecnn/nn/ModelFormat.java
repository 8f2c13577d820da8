package org.vecnn.nn;

/**
 * The vecnn model file format, version 3; versions 1 and 2 are still read ({@link LegacyLayerReader}).
 * Little-endian throughout; strings are a u16 byte count then UTF-8; every float is an IEEE float32 and
 * must be finite.
 *
 * <pre>
 * offset  field          type
 *      0  magic          8 bytes: 89 56 45 43 4E 4E 0D 0A ("\x89VECNN\r\n")
 *      8  version        u16, 3
 *     10  flags          u16, 0
 *     12  length         u32, the whole file's length in bytes, checksum included
 *     16  model name     string
 *         input width    u32, at least 1
 *         layer count    u32, at least 1
 *         layers         for each: type string (a registered layer type), name string,
 *                          config: u32 count, then count pairs of key string, value string,
 *                          weights: u32 count, then for each rows u32, cols u32, f32[rows x cols] row-major
 *         metadata       u32 count, then count pairs of key string, value string
 * length−4 checksum      u32, CRC-32C of every byte before it
 * </pre>
 *
 * Version 2 stored each layer's fields in a fixed layout by type instead of its config and weights:
 * <pre>
 *   Dense          units u32, activation string, alpha f32, use bias u8 (0 or 1),
 *                  kernel initializer string, bias initializer string,
 *                  (version 2) kernel regularizer l1 f32, l2 f32 (each ≥ 0),
 *                  kernel f32[input x units] row-major, bias f32[units] if use bias
 *   Normalization  count u64, mean f32[width], variance f32[width] (each ≥ 0)
 *   Dropout        rate f32 in [0, 1)
 * </pre>
 * and version 1 had no metadata. A layer is made from its config by the factory registered for its type
 * ({@link Layer#register}); unknown types, keys the factory did not read, and weights of the wrong count or
 * shape are errors. Nothing may follow the checksum. The reader checks magic, version, flags, length and
 * checksum before it parses anything, then every field before it allocates for it.
 */
final class ModelFormat {

    /** The first eight bytes of every model file. */
    static final byte[] MAGIC = {(byte) 0x89, 'V', 'E', 'C', 'N', 'N', '\r', '\n'};

    /** The oldest format version this reader reads. */
    public static final int MIN_VERSION = 1;

    /**
     * The format version written, and the newest read. Version 2 added the metadata; version 3 stores each
     * layer as its config and weights.
     */
    public static final int VERSION = 3;

    /** Bytes before the model name: magic, version, flags, length. */
    static final int HEADER_BYTES = 16;

    /** Bytes of the checksum footer. */
    static final int CHECKSUM_BYTES = 4;

    static final String DENSE = "Dense";
    static final String NORMALIZATION = "Normalization";
    static final String DROPOUT = "Dropout";

    private ModelFormat() {
    }
}
