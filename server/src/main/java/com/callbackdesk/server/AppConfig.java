package com.callbackdesk.server;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.calendar.CalendarException;
import com.callbackdesk.planning.retry.PolicyValidationException;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.http.HttpSettings;
import com.callbackdesk.scheduling.SchedulerSettings;
import java.time.LocalTime;

import com.callbackdesk.planning.config.ConfigProblems;
import com.callbackdesk.planning.config.InvalidSettingsException;
import com.callbackdesk.planning.config.YamlBinding;
import com.callbackdesk.storage.DatabaseSettings;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * The runnable's configuration: a YAML file (see docs/DEPLOYMENT.md) whose every key has an
 * embedded default, so {@code demo} needs none. It is bound like every YAML file of the desk
 * ({@link YamlBinding}): unknown keys are refused by path, because a misspelt key silently falling
 * back to a default is how a production IVR ends up on the wrong port, and every problem is reported
 * at once. Secrets may come from the environment instead ({@link #applyEnvironment}).
 */
public final class AppConfig {

    public Database database = new Database();
    public FastAgi fastagi = new FastAgi();
    public Intake intake = new Intake();
    public Scheduling scheduling = new Scheduling();
    public Ami ami = new Ami();
    /** The one HTTP listener (REST API, console, upload pages): see docs/API.md. */
    public Http http = new Http();
    /** What `pbx config` writes Asterisk's configuration from ({@link PbxSection}); serve ignores it. */
    public PbxSection pbx = new PbxSection();

    // ---- screenshot step ----
    public Screenshot screenshot = new Screenshot();

    /** Where this configuration came from, as refusals name it: the file, or the built-in defaults. */
    @JsonIgnore
    private String source = BUILT_IN;

    private static final String BUILT_IN = "(built-in defaults)";

    /** The file this configuration was read from, or {@code (built-in defaults)}: what an error names. */
    public String source() {
        return source;
    }

    /** The one HTTP listener every page and API shares ({@link com.callbackdesk.http.HttpSettings}). */
    public static final class Http {
        public String host = "127.0.0.1";
        /** 8080 by default; 0 = a free port, chosen at start-up and logged. */
        public int port = 8080;
        /**
         * true: the session cookie carries {@code Secure} (only sent over HTTPS). Set it when browsers
         * reach the desk through a TLS-terminating proxy; false by default for plain-HTTP listeners.
         */
        public Boolean secureCookies = false;
        /** Larger request bodies get 413 before they are read (raised to fit the largest screenshot upload). */
        public long maxRequestBytes = com.callbackdesk.http.HttpSettings.DEFAULT_MAX_REQUEST_BYTES;
        /** A request still unanswered after this gets 503 (the desk's one duration grammar: 120s, 2m, PT2M). */
        public Duration requestTimeout = com.callbackdesk.http.HttpSettings.DEFAULT_REQUEST_TIMEOUT;

        /** Resolved once: port 0 becomes a free port, chosen here so that every link can name it. */
        @JsonIgnore
        private com.callbackdesk.http.HttpSettings resolved;

        public synchronized com.callbackdesk.http.HttpSettings settings() {
            if (resolved == null) {
                resolved = new com.callbackdesk.http.HttpSettings(host,
                        port == 0 ? com.callbackdesk.http.HttpSettings.freePort() : port,
                        Boolean.TRUE.equals(secureCookies), maxRequestBytes, requestTimeout);
            }
            return resolved;
        }
    }

    /** Screenshot links by e-mail/SMS and the upload/cancel pages (docs/DEPLOYMENT.md). */
    public static final class Screenshot {
        /** How callers' browsers reach the http listener; unset = http://host:port of the listener. */
        public String publicBaseUrl;
        /** camel-mail URI, e.g. smtp://mail.example.com:587?username=desk&password=...; "outbox" = log only. */
        public String mailUri = com.callbackdesk.routes.screenshot.ScreenshotRoute.OUTBOX;
        public String mailFrom = "callback-desk@localhost";
        /** Camel URI the SMS gateway is POSTed to (to, text, reference), e.g. https://sms.example.com/send. */
        public String smsGatewayUri = com.callbackdesk.routes.screenshot.ScreenshotRoute.OUTBOX;
        /** Where uploads are stored; unset = database.dataDir/screenshots. */
        public String storeDir;
        public long maxUploadBytes = com.callbackdesk.routes.screenshot.ScreenshotSettings.DEFAULT_MAX_UPLOAD_BYTES;
        public int maxRedeliveries = 5;
        /** First retry after this (15s, 1m, PT30S: the desk's one duration grammar); doubled for each further one. */
        public Duration redeliveryDelay = Duration.ofSeconds(10);

        public com.callbackdesk.routes.screenshot.ScreenshotSettings settings(
                com.callbackdesk.http.HttpSettings http, String dataDir) {
            return new com.callbackdesk.routes.screenshot.ScreenshotSettings(
                    publicBaseUrl == null ? http.baseUrl() : publicBaseUrl, mailUri, mailFrom, smsGatewayUri,
                    storeDir == null ? Path.of(dataDir, "screenshots") : Path.of(storeDir), maxUploadBytes,
                    maxRedeliveries, redeliveryDelay);
        }
    }
    // ---- end screenshot step ----

    public static final class Database {
        /** A {@code jdbc:postgresql://} URL for production; unset = embedded H2 file database in {@link #dataDir}. */
        public String url;
        public String user = "sa";
        public String password = "";
        /** Connections: the IVR's intakes, the scheduler's threads (+3) and the routes share them. */
        public int poolSize = 16;
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

    /** When callbacks are attempted: the business calendar, the retry policy, the Quartz scheduler. */
    public static final class Scheduling {
        /** Business calendar YAML (docs/POLICY.md); unset = Monday to Friday 09:00-18:00 in intake.officeZone. */
        public String calendarFile;
        /**
         * Retry policy YAML (docs/POLICY.md) that a new desk starts with as version 1; unset = the
         * built-in defaults. Later versions are saved, with who and why, through the policy store.
         */
        public String policyFile;
        /** Worker threads firing attempts. */
        public int threads = 4;
        /** Several nodes on one PostgreSQL database fire each attempt once (database.url must be PostgreSQL). */
        public boolean clustered = false;
        /** This node's id in the cluster; AUTO = host name and start time. */
        public String instanceId = "AUTO";
        // --- sharded durable scheduling (docs/SCHEDULING.md, "Partitions") ---
        /**
         * Quartz schedulers sharing the work, callback id mod N (1..32); changing it moves stored
         * attempts at start. The pool needs threads + 2 per partition (3 when clustered).
         */
        public int partitions = 4;
        /** Due attempts one acquisition takes at most. */
        public int batchSize = 10;
        /** Fire-ahead: attempts due this soon after the batch's first are acquired with it; the job waits until due. */
        public long fireAheadMs = 0;

        public BusinessCalendar calendar(ZoneId officeZone) {
            return calendarFile == null
                    ? BusinessCalendar.builder(officeZone).weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0)).build()
                    : BusinessCalendar.load(Path.of(calendarFile));
        }

        public RetryPolicy initialPolicy() {
            return policyFile == null ? RetryPolicy.defaults() : RetryPolicy.load(Path.of(policyFile));
        }

        /**
         * An attempt fired later than this counts as misfired (the node was down); Quartz's misfire
         * handler looks for such attempts this often and fires them now (the job re-plans a closed window).
         */
        public int misfireThresholdSeconds = 60;

        public SchedulerSettings settings() {
            return SchedulerSettings.defaults().toBuilder().threadCount(threads).clustered(clustered).instanceId(instanceId)
                    .misfireThreshold(Duration.ofSeconds(misfireThresholdSeconds)).partitions(partitions)
                    .batchSize(batchSize).batchFireAhead(Duration.ofMillis(fireAheadMs)).build();
        }
    }

    // ---- dialer: the AMI connection the dialer originates callbacks on
    /** Asterisk Manager Interface for the dialer (manager.conf's user; docs/DEPLOYMENT.md). */
    public static final class Ami {
        /** false = no dialer (intake and survey only). */
        public boolean enabled = true;
        public String host = "127.0.0.1";
        public int port = 5038;
        public String username = "callbackdesk";
        public String secret = "change-me-callbackdesk";
        /** The Originate's Channel: {endpoint} = the consultant's profile endpoint, {login} = their login. */
        public String endpointPattern = "{endpoint}";
        /** How long the consultant's phone rings. */
        public int originateTimeoutSeconds = 30;
        /** How long Asterisk may take to answer an action (e.g. "Originate successfully queued"). */
        public int responseTimeoutSeconds = 10;
        /** How often the connection is checked with Ping (and logged in again when down). */
        public int pingIntervalSeconds = 20;
        /** After this long without a result an Originate's attempt ends INTERRUPTED and is re-planned (never re-sent). */
        public int resultTimeoutSeconds = 120;
        /** How often the watchdog looks for such attempts. */
        public int watchdogIntervalSeconds = 5;
        /** After the caller's leg hangs up, how long the survey IVR has to store a result before the survey counts as NOT_REACHED. */
        public int surveyGraceSeconds = 15;
        /**
         * While a conversation is open, how often it is checked against the PBX's live channels
         * (CoreShowChannels) in case its Hangup was lost with the AMI connection; a re-connect checks at once.
         */
        public int reconcileIntervalSeconds = 60;
        /**
         * The caller ID customers see when called back, {@code "Name" <number>}: passed to the
         * Originate and set by the dialplan's [callback] context before it dials the customer.
         */
        public String callerId = com.callbackdesk.routes.dialer.AmiSettings.DEFAULT_CALLER_ID;
        /** Per category code, a caller ID replacing {@link #callerId} for that category's callbacks. */
        public java.util.Map<String, String> callerIdByCategory = new java.util.LinkedHashMap<>();
        /**
         * How long a consultant's leg the PBX itself hung up waits for the sign of a PBX restart
         * (the AMI connection dropping) before it counts as the consultant's doing.
         */
        public int restartGraceSeconds = 3;

        /** One construction, so every bad key is reported at once (AmiSettings names each field). */
        public com.callbackdesk.routes.dialer.AmiSettings settings() {
            com.callbackdesk.routes.dialer.AmiSettings d = com.callbackdesk.routes.dialer.AmiSettings.defaults();
            return new com.callbackdesk.routes.dialer.AmiSettings(host, port, username, secret,
                    Duration.ofSeconds(pingIntervalSeconds), Duration.ofSeconds(responseTimeoutSeconds),
                    Duration.ofSeconds(originateTimeoutSeconds), Duration.ofSeconds(resultTimeoutSeconds),
                    Duration.ofSeconds(watchdogIntervalSeconds), endpointPattern, callerId, callerIdByCategory,
                    d.context(), Duration.ofSeconds(surveyGraceSeconds), Duration.ofSeconds(reconcileIntervalSeconds),
                    Duration.ofSeconds(restartGraceSeconds));
        }
    }

    public static AppConfig defaults() {
        return new AppConfig();
    }

    /**
     * Reads, overrides from the environment and validates a configuration file; a
     * {@link ConfigurationException} lists every problem, one line each naming the file and the key.
     */
    public static AppConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** The same with the given environment (tests). */
    public static AppConfig load(Path file, Map<String, String> environment) {
        String source = file.toString();
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw ConfigurationException.at(source, "--config", "no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ConfigurationException.at(source, "--config", "not UTF-8 text");
        } catch (java.nio.file.AccessDeniedException e) {
            throw ConfigurationException.at(source, "--config", "not readable (permission denied)");
        } catch (IOException e) {
            throw ConfigurationException.at(source, "--config", Files.isDirectory(file) ? "a directory, not a file"
                    : "cannot be read (" + e.getMessage() + ")");
        }
        ConfigProblems problems = new ConfigProblems();
        AppConfig config = yaml.isBlank() ? new AppConfig()
                : YamlBinding.bind(yaml, AppConfig.class, "must be a mapping of configuration sections", problems);
        if (config != null) {
            config.source = source;
            config.applyEnvironment(environment);
            config.check(problems);
        }
        refuseIfAny(source, problems);
        return config;
    }

    /** The environment variables that override a secret, and the key each one overrides (docs/DEPLOYMENT.md). */
    public static final Map<String, String> SECRETS_FROM_ENVIRONMENT = Map.of(
            "CALLBACKDESK_DATABASE_PASSWORD", "database.password",
            "CALLBACKDESK_AMI_SECRET", "ami.secret",
            "CALLBACKDESK_SMTP_USERNAME", "screenshot.mailUri (username=)",
            "CALLBACKDESK_SMTP_PASSWORD", "screenshot.mailUri (password=)",
            "CALLBACKDESK_SMS_GATEWAY_URI", "screenshot.smsGatewayUri");

    /**
     * Secrets kept out of the file: each variable of {@link #SECRETS_FROM_ENVIRONMENT} that is set
     * (and not empty) replaces its key. The SMTP user and password become camel-mail's
     * {@code username}/{@code password} options of {@code screenshot.mailUri}; an SMS gateway takes its
     * credentials in its URI, so the whole URI is the secret there.
     */
    public void applyEnvironment(Map<String, String> environment) {
        String dbPassword = environment.get("CALLBACKDESK_DATABASE_PASSWORD");
        if (dbPassword != null && !dbPassword.isEmpty()) {
            database.password = dbPassword;
        }
        String amiSecret = environment.get("CALLBACKDESK_AMI_SECRET");
        if (amiSecret != null && !amiSecret.isEmpty()) {
            ami.secret = amiSecret;
        }
        screenshot.mailUri = MailCredentials.withOption(screenshot.mailUri, "username",
                environment.get("CALLBACKDESK_SMTP_USERNAME"));
        screenshot.mailUri = MailCredentials.withOption(screenshot.mailUri, "password",
                environment.get("CALLBACKDESK_SMTP_PASSWORD"));
        String sms = environment.get("CALLBACKDESK_SMS_GATEWAY_URI");
        if (sms != null && !sms.isEmpty()) {
            screenshot.smsGatewayUri = sms;
        }
    }

    /** Collects every problem, each naming its key, so one edit fixes them all. */
    public void validate() {
        ConfigProblems problems = new ConfigProblems();
        check(problems);
        refuseIfAny(source, problems);
    }

    private static void refuseIfAny(String source, ConfigProblems problems) {
        if (!problems.isEmpty()) {
            throw ConfigurationException.of(source, problems.list());
        }
    }

    /** The record fields of AmiSettings whose key in this file differs (durations are keyed in seconds here). */
    private static final Map<String, String> AMI_KEYS = Map.of(
            "pingInterval", "pingIntervalSeconds", "responseTimeout", "responseTimeoutSeconds",
            "originateTimeout", "originateTimeoutSeconds", "resultTimeout", "resultTimeoutSeconds",
            "watchdogInterval", "watchdogIntervalSeconds", "surveyGrace", "surveyGraceSeconds",
            "reconcileInterval", "reconcileIntervalSeconds", "restartGrace", "restartGraceSeconds");

    private void check(ConfigProblems errors) {
        errors.check(database.url == null || database.url.startsWith("jdbc:"), "database.url",
                "must be a JDBC URL (jdbc:h2:... or jdbc:postgresql:...)");
        errors.check(database.poolSize >= 1, "database.poolSize", "must be at least 1");
        errors.check(fastagi.port >= 0 && fastagi.port <= 65535, "fastagi.port", "must be 0..65535");
        errors.check(fastagi.maxCalls >= 1, "fastagi.maxCalls", "must be at least 1");
        errors.check(intake.maxTries >= 1, "intake.maxTries", "must be at least 1");
        ZoneId office = null;
        try {
            office = ZoneId.of(intake.officeZone);
        } catch (RuntimeException e) {
            errors.add("intake.officeZone", "not a time zone id (e.g. Asia/Taipei): " + intake.officeZone);
        }
        checkScheduling(errors, office);
        errors.check(http.host != null && !http.host.isBlank(), "http.host",
                "required (127.0.0.1 for this machine only, 0.0.0.0 for all interfaces)");
        errors.check(http.port >= 0 && http.port <= 65535, "http.port", "must be 0..65535 (0 = a free port)");
        errors.check(http.maxRequestBytes > 0, "http.maxRequestBytes", "must be a positive number of bytes");
        errors.check(http.requestTimeout != null && !http.requestTimeout.isNegative() && !http.requestTimeout.isZero(),
                "http.requestTimeout", "must be a positive duration (e.g. 120s)");
        if (http.secureCookies == null && !errors.hasProblemAt("http.secureCookies")) {
            errors.add("http.secureCookies", "must be true or false (true when browsers reach the desk over HTTPS)");
        }
        if (ami.enabled) {
            try {
                ami.settings();
            } catch (InvalidSettingsException e) {
                e.problems().forEach(p -> errors.add("ami." + AMI_KEYS.getOrDefault(p.path(), p.path()), p.message()));
            }
        }
        checkScreenshot(errors);
    }

    private void checkScheduling(ConfigProblems errors, ZoneId office) {
        if (scheduling.calendarFile != null && office != null) {
            try {
                BusinessCalendar calendar = scheduling.calendar(office);
                errors.check(calendar.zone().equals(office), "scheduling.calendarFile", "its zone " + calendar.zone()
                        + " differs from intake.officeZone " + office + " (the IVR speaks times in the office's zone)");
            } catch (CalendarException e) {
                e.problems().forEach(p -> errors.add("scheduling.calendarFile (" + scheduling.calendarFile + ")", p));
            }
        }
        if (scheduling.policyFile != null) {
            try {
                scheduling.initialPolicy();
            } catch (PolicyValidationException e) {
                e.problems().forEach(p -> errors.add("scheduling.policyFile (" + scheduling.policyFile + ")", p));
            }
        }
        errors.check(scheduling.misfireThresholdSeconds >= 1, "scheduling.misfireThresholdSeconds", "must be at least 1");
        errors.check(scheduling.threads >= 1, "scheduling.threads", "must be at least 1");
        errors.check(!scheduling.clustered || (database.url != null && database.url.startsWith("jdbc:postgresql:")),
                "scheduling.clustered",
                "needs a PostgreSQL database.url (the embedded H2 database serves one process)");
        errors.check(scheduling.partitions >= 1 && scheduling.partitions <= SchedulerSettings.MAX_PARTITIONS,
                "scheduling.partitions", "must be 1.." + SchedulerSettings.MAX_PARTITIONS);
        errors.check(scheduling.batchSize >= 1, "scheduling.batchSize", "must be at least 1");
        errors.check(scheduling.fireAheadMs >= 0 && scheduling.fireAheadMs <= 10_000, "scheduling.fireAheadMs",
                "must be 0..10000");
        errors.check(scheduling.instanceId != null && !scheduling.instanceId.isBlank(), "scheduling.instanceId",
                "must not be blank (AUTO picks one)");
    }

    private void checkScreenshot(ConfigProblems errors) {
        if (errors.hasProblemAt("screenshot.redeliveryDelay")) {
            return;   // not a duration: said by the binding
        }
        try {
            screenshot.settings(new com.callbackdesk.http.HttpSettings("127.0.0.1", 1), database.dataDir);
        } catch (InvalidSettingsException e) {
            e.problems().forEach(p -> errors.add(p.path(), p.message()));   // already keyed screenshot.*
        }
    }
}
