package com.callbackdesk.scheduling;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Partition settings: names, the id → partition map, threads and connections, refused values named. */
class SchedulerSettingsTest {

    @Test
    void callbackIdModNPicksThePartitionAndItsName() {
        SchedulerSettings s = SchedulerSettings.defaults().withPartitions(8);
        assertThat(s.partitionOf(17)).isEqualTo(1);
        assertThat(s.partitionOf(16)).isZero();
        assertThat(s.partitionOf(Long.MAX_VALUE)).isEqualTo((int) (Long.MAX_VALUE % 8));
        assertThat(s.partitionName(7)).isEqualTo("callbackdesk-p7");
        assertThat(SchedulerSettings.defaults().partitions()).isEqualTo(4);
        assertThatThrownBy(() -> s.partitionName(8)).hasMessageContaining("partition must be 0..7");
    }

    @Test
    void threadsAreSplitOverThePartitionsAndThePoolCoversEachPartitionsOwnConnections() {
        SchedulerSettings s = SchedulerSettings.defaults().withPartitions(8).withThreadCount(24).withClustered(true);
        assertThat(s.threadsPerPartition()).isEqualTo(3);
        assertThat(s.connectionsNeeded()).isEqualTo(48); // + acquisition, misfire handler, check-in each
        assertThat(s.withClustered(false).connectionsNeeded()).isEqualTo(40); // no check-in
        SchedulerSettings few = SchedulerSettings.defaults().withPartitions(4).withThreadCount(2);
        assertThat(few.threadsPerPartition()).isEqualTo(1); // at least one worker each
        assertThat(few.connectionsNeeded()).isEqualTo(12);
    }

    @Test
    void outOfRangeValuesAreRefusedByName() {
        assertThatThrownBy(() -> SchedulerSettings.defaults().withPartitions(0))
                .hasMessageContaining("partitions must be 1..32, was 0");
        assertThatThrownBy(() -> SchedulerSettings.defaults().withPartitions(33))
                .hasMessageContaining("partitions must be 1..32, was 33");
        assertThatThrownBy(() -> SchedulerSettings.defaults().withSchedulerName("x".repeat(117)))
                .hasMessageContaining("schedulerName must be 1..116 characters");
        assertThatThrownBy(() -> SchedulerSettings.defaults().withBatch(10, Duration.ofMillis(-1)))
                .hasMessageContaining("batchFireAhead");
    }
}
