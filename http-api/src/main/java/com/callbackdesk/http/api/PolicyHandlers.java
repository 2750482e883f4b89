package com.callbackdesk.http.api;

import com.callbackdesk.planning.retry.PolicyValidationException;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.policy.PolicyVersion;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The retry policy for supervisors: {@code GET/PUT /api/policy}, {@code POST /api/policy/validate},
 * {@code GET /api/policy/history}; every change versioned with its reason.
 * Thin: each translates the request into one of the desk's audited operations and the answer
 * into docs/API.md's JSON.
 */
final class PolicyHandlers {


    private final ApiServices desk;
    private final ObjectMapper json;

    PolicyHandlers(ApiServices desk, ObjectMapper json) {
        this.desk = desk;
        this.json = json;
    }

    ApiResponse policy(ApiCall call) {
        return ApiResponse.ok(Views.policy(desk.planning().livePolicy()));
    }

    ApiResponse validatePolicy(ApiCall call) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            RetryPolicy p = parsePolicy(call);
            body.put("valid", true);
            body.put("changes", Views.changes(desk.planning().livePolicy().policy(), p));
        } catch (PolicyValidationException e) {
            body.put("valid", false);
            body.put("errors", errors(e));
        }
        return ApiResponse.ok(body);
    }

    ApiResponse savePolicy(ApiCall call) {
        Integer basedOn = call.integer("basedOn", true);
        if (basedOn < 0) {
            throw ApiException.badRequest("basedOn", "must be 0 or more");
        }
        String reason = call.text("reason", true);
        RetryPolicy p;
        try {
            p = parsePolicy(call);
        } catch (PolicyValidationException e) {
            List<Map<String, Object>> errs = errors(e);
            String field = errs.isEmpty() ? "policy" : "policy." + errs.get(0).get("field");
            throw new ApiException(400, "bad_request", field, e.getMessage(), null).withErrors(errs);
        }
        RetryPolicy before = desk.policies().version(basedOn).map(PolicyVersion::policy).orElse(null);
        PolicyVersion saved = desk.policies().save(p, call.supervisorActor(), reason, basedOn);
        Map<String, Object> body = Views.policy(saved);
        body.put("changes", Views.changes(before, saved.policy()));
        return ApiResponse.ok(body);
    }

    ApiResponse policyHistory(ApiCall call) {
        List<PolicyVersion> all = desk.policies().history();
        List<Map<String, Object>> versions = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            PolicyVersion v = all.get(i);
            RetryPolicy before = i + 1 < all.size() ? all.get(i + 1).policy() : null;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.version());
            m.put("changedBy", v.changedBy().toString());
            m.put("changedAt", v.changedAt().toString());
            m.put("reason", v.reason());
            m.put("diff", v.diff());
            m.put("changes", Views.changes(before, v.policy()));
            versions.add(m);
        }
        return ApiResponse.ok(Map.of("versions", versions));
    }

    /** The "policy" field: YAML text, or the same structure as a JSON object (JSON is YAML). */
    private RetryPolicy parsePolicy(ApiCall call) {
        JsonNode p = call.body().get("policy");
        if (p == null || p.isNull()) {
            throw ApiException.badRequest("policy", "required: the policy as YAML text or a JSON object");
        }
        String yaml;
        if (p.isTextual()) {
            yaml = p.asText();
        } else if (p.isObject()) {
            try {
                yaml = json.writeValueAsString(p);
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("policy", "cannot be read: " + e.getMessage());
            }
        } else {
            throw ApiException.badRequest("policy", "must be YAML text or a JSON object");
        }
        return RetryPolicy.parse(yaml);
    }

    static List<Map<String, Object>> errors(PolicyValidationException e) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String problem : e.problems()) {
            int colon = problem.indexOf(": ");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", colon < 0 ? "(policy)" : problem.substring(0, colon));
            m.put("rule", colon < 0 ? problem : problem.substring(colon + 2));
            out.add(m);
        }
        return out;
    }
}
