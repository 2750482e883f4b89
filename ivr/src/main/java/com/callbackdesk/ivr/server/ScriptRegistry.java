package com.callbackdesk.ivr.server;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.MappingStrategy;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which script serves which {@code AGI(agi://host/<name>)}: a plain map in code, not
 * Asterisk-Java's properties-file lookup, so a misspelt name fails in a test and not on a call.
 * Query parameters ({@code intake?lang=zh-TW}) are not part of the name.
 */
public final class ScriptRegistry implements MappingStrategy {

    private static final Logger LOG = LogManager.getLogger(ScriptRegistry.class);

    private final Map<String, AgiScript> scripts = new ConcurrentHashMap<>();

    public ScriptRegistry register(String name, AgiScript script) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(script, "script");
        if (name.isBlank() || name.contains("/") || name.contains("?")) {
            throw new IllegalArgumentException("script name must be a plain word: '" + name + "'");
        }
        if (scripts.putIfAbsent(name, script) != null) {
            throw new IllegalArgumentException("script '" + name + "' registered twice");
        }
        return this;
    }

    public Set<String> names() {
        return Set.copyOf(scripts.keySet());
    }

    @Override
    public AgiScript determineScript(AgiRequest request, AgiChannel channel) {
        String name = request.getScript();
        AgiScript script = name == null ? null : scripts.get(name);
        if (script == null) {
            // Asterisk-Java then sets AJ_AGISTATUS=NOT_FOUND and closes; say which names exist.
            LOG.error("no script '{}' for {} (known: {})", name, request.getRequestURL(), scripts.keySet());
        }
        return script;
    }
}
