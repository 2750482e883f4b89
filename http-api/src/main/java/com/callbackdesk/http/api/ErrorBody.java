package com.callbackdesk.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The JSON of every error answer (docs/API.md): {@code field} is always written (null when the
 * error is about no one field); {@code rule} and {@code errors} only when there are any.
 */
record ErrorBody(int status, String error, String field, String message,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String rule,
                 @JsonInclude(JsonInclude.Include.NON_NULL) List<FieldProblem> errors) {

    static ErrorBody of(ApiException a) {
        return new ErrorBody(a.status(), a.error(), a.field(), a.getMessage(), a.rule(), a.errors());
    }
}
