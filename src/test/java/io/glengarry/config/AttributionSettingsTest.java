package io.glengarry.config;

import io.glengarry.runtime.GlengarryException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttributionSettingsTest {
    private static final ChannelMap NO_CHANNELS = new ChannelMap(Map.of());

    @Test
    void defaultsAreTheSpecsWindowAndHalfLife() {
        Settings settings = Settings.of(Map.of(), NO_CHANNELS);
        assertThat(settings.attributionLookbackDays()).isEqualTo(365);
        assertThat(settings.attributionHalfLifeDays()).isEqualTo(30);
        assertThat(settings.attributionMarkovLookbackDays()).isEqualTo(365);
        assertThat(settings.effectiveForLog()).containsEntry("glengarry.attribution.half-life-days", "30");
    }

    @Test
    void aHalfLifeOfZeroDaysIsRejectedWithTheKeyAndValue() {
        assertThatThrownBy(() -> Settings.of(Map.of(ConfigKeys.ATTRIBUTION_HALF_LIFE_DAYS, 0), NO_CHANNELS))
                .isInstanceOf(GlengarryException.class)
                .hasMessageContaining("attribution.half-life-days")
                .hasMessageContaining("'0'");
        assertThatThrownBy(() -> Settings.of(Map.of(ConfigKeys.ATTRIBUTION_LOOKBACK_DAYS, -1), NO_CHANNELS))
                .isInstanceOf(GlengarryException.class)
                .hasMessageContaining("attribution.lookback-days");
    }
}
