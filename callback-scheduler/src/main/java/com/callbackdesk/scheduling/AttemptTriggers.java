package com.callbackdesk.scheduling;

import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import java.time.Instant;
import java.util.Date;

/**
 * A planned attempt as Quartz stores it: one job per callback (name = callback id, group
 * {@value #JOB_GROUP}) and its one trigger (group {@value #TRIGGER_GROUP}) carrying the attempt
 * number and window as string job data, read back by {@link #windowOf}.
 */
final class AttemptTriggers {

    static final String JOB_GROUP = "callback";
    static final String TRIGGER_GROUP = "attempt";
    static final String KEY_ATTEMPT = "attempt";
    static final String KEY_EARLIEST = "earliest";
    static final String KEY_LATEST = "latest";

    private AttemptTriggers() {
    }

    static JobDetail jobFor(AttemptWindow window) {
        JobKey jobKey = jobKey(window.callbackId());
        // Recovery: a node that dies while the job runs leaves it EXECUTING; another node then
        // re-runs it. Not durable: the job row goes when its last trigger does.
        return JobBuilder.newJob(AttemptJob.class)
                .withIdentity(jobKey)
                .requestRecovery(true)
                .storeDurably(false)
                .withDescription("callback " + window.callbackId())
                .build();
    }

    static Trigger triggerFor(AttemptWindow window, Instant fireAt) {
        return TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(window.callbackId()))
                .forJob(jobKey(window.callbackId()))
                .startAt(Date.from(fireAt))
                .usingJobData(KEY_ATTEMPT, Integer.toString(window.attemptNo()))
                .usingJobData(KEY_EARLIEST, Long.toString(window.earliest().toEpochMilli()))
                .usingJobData(KEY_LATEST, Long.toString(window.latest().toEpochMilli()))
                .withDescription("attempt " + window.attemptNo() + " [" + window.earliest() + ", " + window.latest() + "]")
                // FIRE_NOW, never "next with remaining count": a one-shot trigger that misfires
                // must still reach the job, which re-plans if the window has closed. No end time
                // either: Quartz would silently complete a trigger misfired past it.
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withRepeatCount(0)
                        .withMisfireHandlingInstructionFireNow())
                .build();
    }

    static JobKey jobKey(long callbackId) {
        return JobKey.jobKey(Long.toString(callbackId), JOB_GROUP);
    }

    static TriggerKey triggerKey(long callbackId) {
        return TriggerKey.triggerKey(Long.toString(callbackId), TRIGGER_GROUP);
    }

    static AttemptWindow windowOf(JobKey job, Trigger trigger) {
        JobDataMap data = trigger.getJobDataMap();
        return new AttemptWindow(Long.parseLong(job.getName()),
                Integer.parseInt(data.getString(KEY_ATTEMPT)),
                Instant.ofEpochMilli(Long.parseLong(data.getString(KEY_EARLIEST))),
                Instant.ofEpochMilli(Long.parseLong(data.getString(KEY_LATEST))));
    }
}
