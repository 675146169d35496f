package io.trailsentry.responder;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Clock;

/**
 * A Lambda context whose deadline is fixed at creation and whose remaining time follows a clock.
 */
final class TestContext implements Context {
    private final String requestId;
    private final Clock clock;
    private final long deadline;

    TestContext(String requestId, Clock clock, long remainingMillis) {
        this.requestId = requestId;
        this.clock = clock;
        this.deadline = clock.millis() + remainingMillis;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadline - clock.millis());
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/trailsentry-responder";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "trailsentry-responder";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:111122223333:function:trailsentry-responder";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}
