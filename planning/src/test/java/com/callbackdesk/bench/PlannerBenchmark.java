package com.callbackdesk.bench;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.retry.PastAttempt;
import com.callbackdesk.planning.retry.Plan;
import com.callbackdesk.planning.retry.PlanRequest;
import com.callbackdesk.planning.retry.RetryPlanner;
import com.callbackdesk.planning.retry.RetryPolicy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Single-threaded throughput of {@link RetryPlanner#next} (the target: ≥ 1,000,000 plans/s;
 * the what-if simulator calls it for every simulated attempt).
 *
 * <p>The workload is a fixed, seeded mix of 4,096 cases over two months of a Taipei office with
 * a Saturday morning, a short Friday shift and holidays: 0 to 5 earlier attempts with every
 * retried outcome, a stated end of day on 60 %, urgent on 30 %, asked at any hour. Five warm-up
 * rounds, then {@code bench.rounds} (default 10) measured rounds of {@code bench.plans} (default
 * 5,000,000) plans; prints each round and the median. A checksum of the results keeps the JIT
 * from discarding the work.
 *
 * <p>{@code mvn -q -pl callback-scheduler -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.callbackdesk.bench.PlannerBenchmark}
 */
public final class PlannerBenchmark {

    record Case(PlanRequest request, List<PastAttempt> attempts, Instant now) {
    }

    public static void main(String[] args) {
        int plans = Integer.getInteger("bench.plans", 5_000_000);
        int rounds = Integer.getInteger("bench.rounds", 10);
        ZoneId taipei = ZoneId.of("Asia/Taipei");
        BusinessCalendar calendar = BusinessCalendar.builder(taipei).weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0))
                .open(DayOfWeek.SATURDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))
                .shiftEnds(DayOfWeek.FRIDAY, LocalTime.of(17, 0))
                .holiday(LocalDate.of(2026, 12, 25)).holiday(LocalDate.of(2027, 1, 1)).build();
        RetryPlanner planner = new RetryPlanner(RetryPolicy.defaults(), calendar);
        Case[] cases = cases(4096, taipei);

        long checksum = 0;
        for (int w = 0; w < 5; w++) {
            checksum += run(planner, cases, plans / 2);
        }
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            checksum += run(planner, cases, plans);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate = plans / seconds;
            rates.add(rate);
            System.out.printf("round %2d: %,d plans in %.3f s = %,.0f plans/s%n", r + 1, plans, seconds, rate);
        }
        rates.sort(null);
        System.out.printf("median %,.0f plans/s, min %,.0f, max %,.0f (checksum %d; %s, %s)%n",
                rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1), checksum,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
    }

    private static long run(RetryPlanner planner, Case[] cases, int plans) {
        long sum = 0;
        for (int i = 0; i < plans; i++) {
            Case c = cases[i & (cases.length - 1)];
            Plan p = planner.next(c.request(), c.attempts(), c.now());
            sum += p instanceof Plan.Attempt a ? a.earliest().getEpochSecond() : 1;
        }
        return sum;
    }

    private static Case[] cases(int n, ZoneId zone) {
        SplittableRandom random = new SplittableRandom(42);
        OutcomeCode[] outcomes = {OutcomeCode.NO_ANSWER, OutcomeCode.NO_ANSWER, OutcomeCode.BUSY, OutcomeCode.CONGESTION,
                OutcomeCode.LEFT_FOR_THE_DAY, OutcomeCode.CALL_BACK_AT};
        Instant start = LocalDate.of(2026, 11, 23).atStartOfDay(zone).toInstant();
        Case[] cases = new Case[n];
        for (int i = 0; i < n; i++) {
            Instant requested = start.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 45)));
            LocalTime until = random.nextInt(10) < 6 ? LocalTime.of(10 + random.nextInt(9), random.nextInt(4) * 15) : null;
            PlanRequest r = new PlanRequest(i + 1, random.nextInt(10) < 3 ? Urgency.URGENT : Urgency.NORMAL,
                    requested, until, null, null);
            List<PastAttempt> attempts = new ArrayList<>();
            Instant t = requested;
            int k = random.nextInt(6);
            for (int a = 0; a < k; a++) {
                t = t.plus(Duration.ofMinutes(20 + random.nextInt(600)));
                OutcomeCode o = outcomes[random.nextInt(outcomes.length)];
                attempts.add(new PastAttempt(a + 1, t, o, o == OutcomeCode.CALL_BACK_AT ? t.plus(Duration.ofHours(3)) : null));
            }
            cases[i] = new Case(r, List.copyOf(attempts), t.plusSeconds(30));
        }
        return cases;
    }
}
