package io.userasset.functions.actions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

/** Delegates to the real handler; tests extend it to observe deliveries. */
class ProfileStreamHandlerWrapper implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final ProfileStreamHandler inner;

    ProfileStreamHandlerWrapper(ProfileStreamHandler inner) {
        this.inner = inner;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return inner.handleRequest(event, context);
    }
}
