/** Files written atomically ({@link org.vecnn.nn.io.AtomicFile}), for model files and every other output. */
package org.vecnn.nn.io;
