package io.glengarry.report.hygiene;

import io.glengarry.config.ConfigKeys;
import io.glengarry.config.Settings;
import io.glengarry.runtime.GlengarryException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hygiene and forecast thresholds: conf/glengarry.conf documents the built-in defaults, and bad values stop. */
class HygieneSettingsTest {
    @Test
    void theConfFileAndTheBuiltInDefaultsAgree() {
        Settings settings = Settings.load(Path.of("conf/glengarry.conf"), Map.of());
        assertThat(HygieneRules.of(settings)).isEqualTo(HygieneRules.defaults());
        assertThat(HygieneRules.of(settings).wonStage()).isEqualTo("Closed Won");
        assertThat(settings.forecastSurpriseWindowDays()).isEqualTo(14);
    }

    @Test
    void aStageOrderWithoutClosedStagesOrANegativeThresholdIsRejected() {
        Path conf = Path.of("conf/glengarry.conf");
        assertThatThrownBy(() -> Settings.load(conf, Map.of(ConfigKeys.HYGIENE_STAGE_ORDER,
                List.of("Prospecting", "Proposal")))).isInstanceOf(GlengarryException.class)
                .hasMessageContaining("hygiene.stage-order");
        assertThatThrownBy(() -> Settings.load(conf, Map.of(ConfigKeys.HYGIENE_STALE_DAYS, -1)))
                .isInstanceOf(GlengarryException.class).hasMessageContaining("hygiene.stale-days");
        assertThat(HygieneRules.of(Settings.load(conf, Map.of(ConfigKeys.HYGIENE_SAME_DAY_MIN_AMOUNT, "250000.50")))
                .sameDayMinAmount()).isEqualByComparingTo("250000.50");
    }
}
