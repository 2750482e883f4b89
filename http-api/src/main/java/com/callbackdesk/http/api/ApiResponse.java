package com.callbackdesk.http.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Status, JSON body (null = none) and extra headers of an API answer. */
final class ApiResponse {

    private final int status;
    private final Object body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ApiResponse(int status, Object body) {
        this.status = status;
        this.body = body;
    }

    static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    static ApiResponse created(Object body) {
        return new ApiResponse(201, body);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    static ApiResponse status(int status, Object body) {
        return new ApiResponse(status, body);
    }

    ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    Object body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }
}
