package com.callbackdesk.server;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.appender.RandomAccessFileAppender;
import org.apache.logging.log4j.core.appender.RollingFileAppender;
import org.apache.logging.log4j.core.appender.RollingRandomAccessFileAppender;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the desk logs, as Log4j2 is configured: what {@code serve} and {@code demo} print when they start. */
public final class LogFiles {

    private LogFiles() {
    }

    /** The absolute paths of the files the configured appenders write to (empty: console only). */
    public static List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return files;
        }
        for (Appender appender : context.getConfiguration().getAppenders().values()) {
            String name = null;
            if (appender instanceof RollingFileAppender a) {
                name = a.getFileName();
            } else if (appender instanceof FileAppender a) {
                name = a.getFileName();
            } else if (appender instanceof RollingRandomAccessFileAppender a) {
                name = a.getFileName();
            } else if (appender instanceof RandomAccessFileAppender a) {
                name = a.getFileName();
            }
            if (name != null) {
                files.add(Path.of(name).toAbsolutePath().normalize());
            }
        }
        return files;
    }

    /** The log files, comma-separated, or a note that the desk logs to the console only. */
    public static String describe() {
        List<Path> files = files();
        return files.isEmpty() ? "the console only (no file appender in the Log4j2 configuration)"
                : String.join(", ", files.stream().map(Path::toString).toList());
    }
}
