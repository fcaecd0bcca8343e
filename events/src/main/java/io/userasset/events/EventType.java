package io.userasset.events;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The event types of the native envelope (SPEC §2), with their wire names. */
public enum EventType {
    USER_REGISTERED("user_registered", true),
    SESSION_STARTED("session_started", true),
    ORDER_PAID("order_paid", true),
    ORDER_REFUNDED("order_refunded", false),
    REFERRAL_CONVERTED("referral_converted", false),
    CONTENT_SHARED("content_shared", true),
    CONTENT_POSTED("content_posted", true),
    IDENTIFY("identify", false),
    ACQUISITION_COST("acquisition_cost", false);

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final boolean makesActive;

    EventType(String wireName, boolean makesActive) {
        this.wireName = wireName;
        this.makesActive = makesActive;
    }

    public String wireName() {
        return wireName;
    }

    /** SPEC §2: refunds, identify, referral_converted and acquisition_cost do not make anyone active. */
    public boolean makesActive() {
        return makesActive;
    }

    /** A company event rather than a user's: needs no userId or anonymousId. */
    public boolean isCompanyEvent() {
        return this == ACQUISITION_COST;
    }

    public static EventType fromWireName(String name) {
        return BY_WIRE_NAME.get(name);
    }
}
