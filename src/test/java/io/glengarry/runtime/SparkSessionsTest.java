package io.glengarry.runtime;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SparkSessionsTest {
    @Test
    void aDeltaLogIsReplayedByOneTaskLocallyAndOnePerClusterCoreUpToDeltasDefault() {
        assertThat(SparkSessions.jobSettings(new SparkConf(false), true))
                .containsEntry(SparkSessions.SNAPSHOT_PARTITIONS, "1");
        assertThat(SparkSessions.jobSettings(new SparkConf(false), false))
                .doesNotContainKey(SparkSessions.SNAPSHOT_PARTITIONS);
        assertThat(SparkSessions.clusterSnapshotPartitions(2)).isEqualTo("2");
        assertThat(SparkSessions.clusterSnapshotPartitions(400)).isEqualTo("50");
        assertThat(SparkSessions.clusterSnapshotPartitions(0)).isEqualTo("1");
    }
}
