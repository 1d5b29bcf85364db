package io.glengarry.config;

import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.GlengarryException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpendSettingsTest {
    private static final ChannelMap NO_CHANNELS = new ChannelMap(Map.of());

    @Test
    void spendReconciliationUsesWShapedUnlessConfigured() {
        assertThat(Settings.of(Map.of(), NO_CHANNELS).spendAttributionModel()).isEqualTo("w_shaped");
        assertThat(Settings.load(Path.of("conf/glengarry.conf"), Map.of()).spendAttributionModel())
                .isEqualTo("w_shaped");
        assertThat(Settings.of(Map.of(ConfigKeys.SPEND_ATTRIBUTION_MODEL, "markov"), NO_CHANNELS)
                .spendAttributionModel()).isEqualTo("markov");
    }

    @Test
    void anUnknownModelIsABadConfigurationNamingTheKeyAndValue() {
        assertThatThrownBy(() -> Settings.of(Map.of(ConfigKeys.SPEND_ATTRIBUTION_MODEL, "W-shaped"), NO_CHANNELS))
                .isInstanceOf(GlengarryException.class)
                .hasMessageContaining("spend.attribution-model")
                .hasMessageContaining("W-shaped")
                .satisfies(e -> assertThat(((GlengarryException) e).exitCode()).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG));
    }
}
