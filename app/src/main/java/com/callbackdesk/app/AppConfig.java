package com.callbackdesk.app;

import com.callbackdesk.storage.DatabaseSettings;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The runnable's configuration: a YAML file (see docs/DEPLOYMENT.md) whose every key has an
 * embedded default, so {@code demo} needs none. Unknown keys are refused by name, because a
 * misspelt key silently falling back to a default is how a production IVR ends up on the
 * wrong port.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class AppConfig {

    public Database database = new Database();
    public FastAgi fastagi = new FastAgi();
    public Intake intake = new Intake();

    public static final class Database {
        /** A {@code jdbc:postgresql://} URL for production; unset = embedded H2 file database in {@link #dataDir}. */
        public String url;
        public String user = "sa";
        public String password = "";
        public int poolSize = 10;
        /** Where the embedded H2 database lives when no url is set. */
        public String dataDir = "data";

        public DatabaseSettings settings() {
            if (url == null) {
                return DatabaseSettings.embeddedDefault(Path.of(dataDir)).withPoolSize(poolSize);
            }
            return new DatabaseSettings(url, user, password, poolSize);
        }
    }

    public static final class FastAgi {
        public String bindAddress = "127.0.0.1";
        public int port = 4573;
        /** Concurrent calls the IVR serves; Asterisk-Java refuses (not queues) calls beyond it. */
        public int maxCalls = 600;
    }

    public static final class Intake {
        public String defaultRegion = "TW";
        public String defaultLanguage = "en";
        public boolean offerLanguageChoice = true;
        public int maxTries = 3;
        public String officeZone = "Asia/Taipei";
    }

    public static AppConfig defaults() {
        return new AppConfig();
    }

    public static AppConfig load(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            AppConfig config = yaml.readValue(Files.readAllBytes(file), AppConfig.class);
            config.validate();
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration " + file + ": " + e.getMessage(), e);
        }
    }

    /** Collects every problem, each naming its key, so one edit fixes them all. */
    public void validate() {
        List<String> errors = new ArrayList<>();
        if (database.url != null && !database.url.startsWith("jdbc:")) {
            errors.add("database.url: must be a JDBC URL (jdbc:h2:... or jdbc:postgresql:...)");
        }
        if (database.poolSize < 1) {
            errors.add("database.poolSize: must be at least 1");
        }
        if (fastagi.port < 0 || fastagi.port > 65535) {
            errors.add("fastagi.port: must be 0..65535");
        }
        if (fastagi.maxCalls < 1) {
            errors.add("fastagi.maxCalls: must be at least 1");
        }
        if (intake.maxTries < 1) {
            errors.add("intake.maxTries: must be at least 1");
        }
        try {
            ZoneId.of(intake.officeZone);
        } catch (RuntimeException e) {
            errors.add("intake.officeZone: not a time zone id (e.g. Asia/Taipei): " + intake.officeZone);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration:\n  " + String.join("\n  ", errors));
        }
    }
}
