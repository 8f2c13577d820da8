package org.vecnn.cli;

import picocli.CommandLine;

/** {@code --version} (and {@code -V}) on every command: the version the jar was built as. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String built = VecnnCli.class.getPackage().getImplementationVersion();
        return new String[] {"vecnn " + (built == null ? "(a development build, not a jar)" : built)};
    }
}
