package io.userasset.events;

import java.time.LocalDate;

/** The type-specific part of an event: one record per event type of SPEC §2. */
public sealed interface Payload {

    EventType type();

    /** user_registered: account created; channel = acquisition channel. */
    record Registration(String channel, String campaign) implements Payload {
        public EventType type() { return EventType.USER_REGISTERED; }
    }

    /** session_started, and what Segment page/screen/unmapped track map to; source names the origin. */
    record Session(String source) implements Payload {
        public EventType type() { return EventType.SESSION_STARTED; }
    }

    record OrderPaid(String orderId, Money amount) implements Payload {
        public EventType type() { return EventType.ORDER_PAID; }
    }

    record OrderRefunded(String orderId, Money amount) implements Payload {
        public EventType type() { return EventType.ORDER_REFUNDED; }
    }

    /** Credited to the referrer (the event's user), who did not act. */
    record ReferralConverted(String referredUserId) implements Payload {
        public EventType type() { return EventType.REFERRAL_CONVERTED; }
    }

    record ContentShared() implements Payload {
        public EventType type() { return EventType.CONTENT_SHARED; }
    }

    record ContentPosted(String contentId) implements Payload {
        public EventType type() { return EventType.CONTENT_POSTED; }
    }

    /** Links the event's anonymousId to its userId (Segment identify and alias). */
    record Identify() implements Payload {
        public EventType type() { return EventType.IDENTIFY; }
    }

    /** Marketing spend of a channel for a day (for CAC). */
    record AcquisitionCost(String channel, Money amount, LocalDate date) implements Payload {
        public EventType type() { return EventType.ACQUISITION_COST; }
    }
}
