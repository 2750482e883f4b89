package com.callbackdesk.http.api;

import java.util.ArrayList;
import java.util.List;

/** One problem of a request found field by field (an invalid policy, a what-if request): {@code {"field","rule"}}. */
record FieldProblem(String field, String rule) {

    /**
     * Problems written as {@code "field: rule"} by the validators, split at the first ": "; one
     * without a field is given {@code fieldless} as its field.
     */
    static List<FieldProblem> of(List<String> problems, String fieldless) {
        List<FieldProblem> out = new ArrayList<>();
        for (String p : problems) {
            int colon = p.indexOf(": ");
            out.add(colon > 0 ? new FieldProblem(p.substring(0, colon), p.substring(colon + 2))
                    : new FieldProblem(fieldless, p));
        }
        return out;
    }
}
