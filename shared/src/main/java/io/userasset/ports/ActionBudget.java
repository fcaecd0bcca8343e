package io.userasset.ports;

import io.userasset.domain.actions.ActionType;

/** The daily budget per action type (SPEC §6), shared by every decider of the day. */
public interface ActionBudget {

    /** Takes one unit of the day's budget for the type; false when the budget is spent. */
    boolean tryTake(int day, ActionType type, int dailyBudget);

    /** Units taken so far on the day. */
    long used(int day, ActionType type);
}
