package com.callbackdesk.http.api;

import com.callbackdesk.planning.retry.PolicyValidationException;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.policy.PolicyVersion;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
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

    /**
     * {@code PUT /api/policy} and {@code POST /api/policy/validate}'s body: {@code policy} is YAML
     * text or the same structure as a JSON object (JSON is YAML), so it stays a JSON node.
     */
    record PolicyRequest(JsonNode policy, Integer basedOn, String reason) {
    }

    record Validation(boolean valid, @JsonInclude(JsonInclude.Include.NON_NULL) List<Views.Change> changes,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<FieldProblem> errors) {
    }

    record Saved(int version, String changedBy, String changedAt, String reason, Map<String, String> fields,
                 String yaml, List<Views.Change> changes) {
    }

    record HistoryEntry(int version, String changedBy, String changedAt, String reason, String diff,
                        List<Views.Change> changes) {
    }

    record History(List<HistoryEntry> versions) {
    }

    ApiResponse policy(ApiCall call) {
        return ApiResponse.ok(Views.policy(desk.planning().livePolicy()));
    }

    ApiResponse validatePolicy(ApiCall call) {
        try {
            RetryPolicy p = parsePolicy(call.bind(PolicyRequest.class));
            return ApiResponse.ok(new Validation(true, Views.changes(desk.planning().livePolicy().policy(), p), null));
        } catch (PolicyValidationException e) {
            return ApiResponse.ok(new Validation(false, null, errors(e)));
        }
    }

    ApiResponse savePolicy(ApiCall call) {
        PolicyRequest request = call.bind(PolicyRequest.class);
        int basedOn = ApiCall.required("basedOn", request.basedOn());
        if (basedOn < 0) {
            throw ApiException.badRequest("basedOn", "must be 0 or more");
        }
        String reason = ApiCall.required("reason", request.reason());
        RetryPolicy p;
        try {
            p = parsePolicy(request);
        } catch (PolicyValidationException e) {
            List<FieldProblem> errs = errors(e);
            String field = errs.isEmpty() ? "policy" : "policy." + errs.get(0).field();
            throw new ApiException(400, "bad_request", field, e.getMessage(), null).withErrors(errs);
        }
        RetryPolicy before = desk.policies().version(basedOn).map(PolicyVersion::policy).orElse(null);
        PolicyVersion saved = desk.policies().save(p, call.supervisorActor(), reason, basedOn);
        Views.PolicyView v = Views.policy(saved);
        return ApiResponse.ok(new Saved(v.version(), v.changedBy(), v.changedAt(), v.reason(), v.fields(), v.yaml(),
                Views.changes(before, saved.policy())));
    }

    ApiResponse policyHistory(ApiCall call) {
        List<PolicyVersion> all = desk.policies().history();
        List<HistoryEntry> versions = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            PolicyVersion v = all.get(i);
            RetryPolicy before = i + 1 < all.size() ? all.get(i + 1).policy() : null;
            versions.add(new HistoryEntry(v.version(), v.changedBy().toString(), v.changedAt().toString(), v.reason(),
                    v.diff(), Views.changes(before, v.policy())));
        }
        return ApiResponse.ok(new History(versions));
    }

    /** The "policy" field: YAML text, or the same structure as a JSON object (JSON is YAML). */
    private RetryPolicy parsePolicy(PolicyRequest request) {
        JsonNode p = request.policy();
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

    static List<FieldProblem> errors(PolicyValidationException e) {
        return FieldProblem.of(e.problems(), "(policy)");
    }
}
