package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import com.callbackdesk.scheduling.SchedulerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sharded-scheduling keys of {@code scheduling:} reach SchedulerSettings; bad values are named. */
class SchedulingConfigTest {

    @Test
    void partitionsBatchAndFireAheadReachTheSchedulerSettings(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("desk.yaml");
        Files.writeString(file, "scheduling:\n  threads: 24\n  partitions: 8\n  batchSize: 20\n  fireAheadMs: 100\n");

        SchedulerSettings s = AppConfig.load(file).scheduling.settings();

        assertThat(s.partitions()).isEqualTo(8);
        assertThat(s.threadsPerPartition()).isEqualTo(3);
        assertThat(s.batchSize()).isEqualTo(20);
        assertThat(s.batchFireAhead()).isEqualTo(Duration.ofMillis(100));
        SchedulerSettings defaults = AppConfig.defaults().scheduling.settings();
        assertThat(defaults.partitions()).isEqualTo(4);
        // the default desk's pool (10) covers its scheduler, clustered or not: no start-up warning
        assertThat(defaults.withClustered(true).connectionsNeeded()).isLessThanOrEqualTo(AppConfig.defaults().database.poolSize);
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("desk.yaml");
        Files.writeString(file, "scheduling:\n  partitions: 40\n  batchSize: 0\n  fireAheadMs: -5\n");

        assertThatThrownBy(() -> AppConfig.load(file))
                .hasMessageContaining("scheduling.partitions: must be 1..32")
                .hasMessageContaining("scheduling.batchSize: must be at least 1")
                .hasMessageContaining("scheduling.fireAheadMs: must be 0..10000");
    }
}
