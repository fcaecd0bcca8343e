package io.userasset.infra;

import io.userasset.tables.ResourceCatalog;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.scheduler.CronOptionsWithTimezone;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

import java.util.Optional;

/**
 * The daily job: an EventBridge Scheduler schedule at {@code daily.cronHourLocal}:00 in the
 * configured time zone invokes the daily-coordinator (its alias) with a ScheduledEvent-shaped
 * payload; the coordinator fans out one message per scan segment to daily-work → daily-worker
 * (one message per invocation, bounded concurrency), whose completions go to daily-reduce →
 * daily-reducer (one at a time per message, at most two at once).
 *
 * <p>Delivery failures of the schedule (after its retries) and failures of the asynchronous
 * coordinator invocation (after Lambda's retries) both land in one trigger-failure queue.
 */
public final class DailyJob extends Construct {
    static final int SCHEDULE_RETRY_ATTEMPTS = 3;
    static final Duration SCHEDULE_MAX_EVENT_AGE = Duration.hours(2);
    static final int COORDINATOR_ASYNC_RETRIES = 2;
    /**
     * What the coordinator receives: the shape of an EventBridge "Scheduled Event" (so it binds to
     * aws-lambda-java-events' ScheduledEvent), with the scheduled time filled in by the Scheduler.
     */
    static final String INPUT = "{\"version\":\"0\",\"id\":\"<aws.scheduler.execution-id>\",\"detail-type\":\"Scheduled Event\","
            + "\"source\":\"aws.scheduler\",\"time\":\"<aws.scheduler.scheduled-time>\","
            + "\"resources\":[\"<aws.scheduler.schedule-arn>\"],\"detail\":{}}";

    private final Schedule schedule;
    private final Queue triggerFailures;

    public DailyJob(Construct scope, String id, DeploymentSettings settings, Optional<IKey> key,
                    MessageQueues queues, EngineFunctions functions) {
        super(scope, id);
        var coordinator = functions.get(ResourceCatalog.DAILY_COORDINATOR);
        triggerFailures = queues.failureQueue(this, "TriggerFailures");

        coordinator.alias().configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(COORDINATOR_ASYNC_RETRIES)
                .maxEventAge(SCHEDULE_MAX_EVENT_AGE)
                .onFailure(new SqsDestination(triggerFailures))
                .build());

        Schedule.Builder sb = Schedule.Builder.create(this, "Schedule")
                .description("User Asset Engine daily job: scores the day that just ended (" + settings.timeZone() + ")")
                .schedule(ScheduleExpression.cron(CronOptionsWithTimezone.builder()
                        .minute("0")
                        .hour(Integer.toString(settings.config().daily().cronHourLocal()))
                        .timeZone(TimeZone.of(settings.timeZone()))
                        .build()))
                .target(new LambdaInvoke(coordinator.alias(), ScheduleTargetBaseProps.builder()
                        .input(ScheduleTargetInput.fromText(INPUT))
                        .deadLetterQueue(triggerFailures)
                        .retryAttempts(SCHEDULE_RETRY_ATTEMPTS)
                        .maxEventAge(SCHEDULE_MAX_EVENT_AGE)
                        .build()));
        key.ifPresent(sb::key);
        schedule = sb.build();

        functions.get(ResourceCatalog.DAILY_WORKER).alias().addEventSource(new SqsEventSource(
                queues.queue(ResourceCatalog.DAILY_WORK), SqsEventSourceProps.builder()
                        .batchSize(1)
                        .reportBatchItemFailures(true)
                        .maxConcurrency(settings.dailyWorkerConcurrency())
                        .build()));
        functions.get(ResourceCatalog.DAILY_REDUCER).alias().addEventSource(new SqsEventSource(
                queues.queue(ResourceCatalog.DAILY_REDUCE), SqsEventSourceProps.builder()
                        .batchSize(1)
                        .reportBatchItemFailures(true)
                        .maxConcurrency(ResourceCatalog.DAILY_REDUCER_MAX_CONCURRENCY)
                        .build()));
    }

    public Schedule schedule() { return schedule; }
    public Queue triggerFailures() { return triggerFailures; }
}
