package com.callbackdesk.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The app's one HTTP listener: Camel's platform-http on a Vert.x server bound to
 * {@link HttpSettings#host()}:{@link HttpSettings#port()}. Every {@code rest()} path and
 * {@code platform-http:} consumer in the context is served by it, with the limits of
 * {@link HttpSettings} applied to all of them here — the body size limit by Vert.x's body
 * handler (413 before a route sees the request), the request timeout by a Vert.x timeout handler
 * (503) — and the console's static files by Vert.x's own static file handler.
 */
public final class HttpListener {

    private static final Logger LOG = LogManager.getLogger(HttpListener.class);

    /** Where the console's files are packaged on the classpath. */
    static final String CONSOLE_ROOT = "console";

    private HttpListener() {
    }

    /**
     * Adds the listener to {@code camel}, before it starts; multipart uploads are spooled under
     * {@code uploads} and deleted when their request ends.
     */
    public static void install(CamelContext camel, HttpSettings http, Path uploads) throws Exception {
        Objects.requireNonNull(http, "http");
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost(http.host());
        conf.setBindPort(http.port());
        conf.setPort(http.port());
        conf.setMaxBodySize(http.maxRequestBytes());
        conf.getBodyHandler().setHandleFileUploads(true);
        conf.getBodyHandler().setUploadsDirectory(uploads.toString());
        conf.getBodyHandler().setDeleteUploadedFilesOnEnd(true);
        // The component's engine finds the port of its consumers' router by this configuration.
        camel.getRegistry().bind("callback-desk-http", conf);
        camel.addService(new Server(conf, http));
    }

    /** Adds the listener, spooling uploads under the JVM's temporary directory. */
    public static void install(CamelContext camel, HttpSettings http) throws Exception {
        install(camel, http, Path.of(System.getProperty("java.io.tmpdir"), "callback-desk-uploads"));
    }

    /**
     * The component's server with the handlers every request passes first: they are added to its
     * router before any Camel consumer registers its own routes, so they run ahead of all of them.
     */
    private static final class Server extends VertxPlatformHttpServer {

        private final HttpSettings http;

        Server(VertxPlatformHttpServerConfiguration conf, HttpSettings http) {
            super(conf);
            this.http = http;
        }

        @Override
        protected void initializeServer() {
            super.initializeServer();
            Router router = VertxPlatformHttpRouter.lookup(getCamelContext(),
                    VertxPlatformHttpRouter.getRouterNameFromPort(http.port()));
            router.route().order(-100).handler(TimeoutHandler.create(http.requestTimeout().toMillis(), 503));
            serveConsole(router);
            LOG.info("HTTP listener on {}:{}: requests up to {} bytes, {} each", http.host(), http.port(),
                    http.maxRequestBytes(), http.requestTimeout());
        }

        /**
         * The web console's static files (plain HTML/CSS/JS modules, no build step) under
         * {@code /console/}: revalidated on every load so a new release shows at once.
         */
        private static void serveConsole(Router router) {
            // Vert.x matches "/console" with and without the trailing slash: only the bare one moves.
            router.get("/console").order(-90).handler(ctx -> {
                if ("/console".equals(ctx.normalizedPath())) {
                    ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, "/console/").end();
                } else {
                    ctx.next();
                }
            });
            router.route("/console/*").order(-89).handler(ctx -> {
                ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .putHeader("X-Content-Type-Options", "nosniff");
                ctx.next();
            });
            router.route("/console/*").order(-88).handler(StaticHandler.create(CONSOLE_ROOT)
                    .setCachingEnabled(false)
                    .setDirectoryListing(false)
                    .setIncludeHidden(false)
                    .setDefaultContentEncoding("UTF-8"));
        }
    }
}
