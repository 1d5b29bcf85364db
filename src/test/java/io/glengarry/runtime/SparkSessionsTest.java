package io.glengarry.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SparkSessionsTest {
    @Test
    void aDeltaLogIsReplayedByOneTaskLocallyAndOnePerClusterCoreUpToDeltasDefault() {
        assertThat(SparkSessions.snapshotPartitions("local[*]", 2)).isEqualTo("1");
        assertThat(SparkSessions.snapshotPartitions("local[8]", 8)).isEqualTo("1");
        assertThat(SparkSessions.snapshotPartitions("spark://127.0.0.1:7077", 2)).isEqualTo("2");
        assertThat(SparkSessions.snapshotPartitions("yarn", 400)).isEqualTo("50");
        assertThat(SparkSessions.snapshotPartitions("k8s://https://api:6443", 0)).isEqualTo("1");
    }
}
