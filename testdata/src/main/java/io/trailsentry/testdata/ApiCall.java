package io.trailsentry.testdata;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One API call before it is stamped with a caller, a time and a place. */
public final class ApiCall {
    public final String eventSource;
    public final String eventName;
    public final boolean readOnly;
    public ObjectNode request;
    public ObjectNode response;
    public String errorCode;
    public String errorMessage;

    /** CloudTrail's {@code additionalEventData} (a console sign-in's MFA use), or null. */
    public ObjectNode additionalEventData;

    /** Region the call goes to; null means the caller's usual region. */
    public String region;

    /**
     * The AWS service making the call on the caller's behalf ({@code userIdentity.invokedBy}, e.g.
     * CloudFormation creating a stack's resources), or null.
     */
    public String invokedBy;

    ApiCall(String eventSource, String eventName, boolean readOnly) {
        this.eventSource = eventSource;
        this.eventName = eventName;
        this.readOnly = readOnly;
    }

    public static ApiCall read(String service, String eventName) {
        return new ApiCall(service + ".amazonaws.com", eventName, true);
    }

    public static ApiCall write(String service, String eventName) {
        return new ApiCall(service + ".amazonaws.com", eventName, false);
    }

    public ObjectNode request() {
        if (request == null) {
            request = JsonNodeFactory.instance.objectNode();
        }
        return request;
    }

    public ObjectNode response() {
        if (response == null) {
            response = JsonNodeFactory.instance.objectNode();
        }
        return response;
    }

    public ApiCall in(String region) {
        this.region = region;
        return this;
    }

    /** Made by {@code service} (e.g. "cloudformation.amazonaws.com") on the caller's behalf. */
    public ApiCall by(String service) {
        this.invokedBy = service;
        return this;
    }

    public ApiCall error(String code, String message) {
        this.errorCode = code;
        this.errorMessage = message;
        this.response = null;
        return this;
    }
}
