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

    @Test
    void theScopeIsLeadUnlessConfiguredAndAnUnknownScopeIsABadConfiguration() {
        assertThat(Settings.of(Map.of(), NO_CHANNELS).spendAttributionScope()).isEqualTo("lead");
        assertThat(Settings.load(Path.of("conf/glengarry.conf"), Map.of()).spendAttributionScope()).isEqualTo("lead");
        assertThat(Settings.of(Map.of(ConfigKeys.SPEND_ATTRIBUTION_SCOPE, "account"), NO_CHANNELS)
                .spendAttributionScope()).isEqualTo("account");
        assertThatThrownBy(() -> Settings.of(Map.of(ConfigKeys.SPEND_ATTRIBUTION_SCOPE, "buying_committee"),
                NO_CHANNELS)).isInstanceOf(GlengarryException.class)
                .hasMessageContaining("spend.attribution-scope").hasMessageContaining("buying_committee");
    }

    @Test
    void freeMailDomainsAreLowerCaseWithoutAtAndTheConfFileListsTheBuiltInOnes() {
        assertThat(Settings.of(Map.of(ConfigKeys.FREE_MAIL_DOMAINS, java.util.List.of(" @GMail.com", "web.de", "")),
                NO_CHANNELS).freeMailDomains()).containsExactly("gmail.com", "web.de");
        assertThat(Settings.load(Path.of("conf/glengarry.conf"), Map.of()).freeMailDomains())
                .isEqualTo(Settings.of(Map.of(), NO_CHANNELS).freeMailDomains()).contains("gmail.com", "outlook.com");
    }
}
