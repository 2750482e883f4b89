package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --config FILE}, shared by every command that opens the desk's database or starts the desk. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "the desk configuration (docs/DEPLOYMENT.md); default: the built-in defaults")
    Path file;

    /** Set by tests and callers that already hold a configuration; wins over {@code --config}. */
    AppConfig given;

    AppConfig config() {
        if (given != null) {
            return given;
        }
        return file == null ? AppConfig.defaults() : AppConfig.load(file);
    }
}
