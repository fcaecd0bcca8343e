package io.userasset.config;

import java.time.ZoneId;

/** @param zone the time zone that defines a calendar day (SPEC §2), an IANA id such as "UTC" or "Asia/Shanghai" */
public record TimeConfig(String zone) {
    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }
}
