/** The versioned, checksummed binary model file: {@link org.vecnn.nn.io.ModelFormat} documents it. */
package org.vecnn.nn.io;
