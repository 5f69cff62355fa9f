package com.ytwhisper.client.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code ytw --version}: the jar's version. */
class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] { "ytw " + (version != null ? version : "development build") };
    }
}
