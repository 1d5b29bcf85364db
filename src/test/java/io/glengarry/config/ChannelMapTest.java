package io.glengarry.config;

import io.glengarry.runtime.GlengarryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelMapTest {
    @TempDir
    Path dir;

    private ChannelMap load(String text) throws IOException {
        Path file = dir.resolve("channels.conf");
        Files.writeString(file, text);
        return ChannelMap.load(file);
    }

    @Test
    void aRawValueThatIsAChannelsNameIsThatChannelInAnyCase() throws IOException {
        ChannelMap channels = load("channels {\n  paid_search = [\"Google Ads\"]\n  webinar = []\n}\n");
        assertThat(channels.entries()).containsEntry("google ads", "paid_search")
                .containsEntry("paid_search", "paid_search").containsEntry("webinar", "webinar").hasSize(3);
        // matching normalises the raw text the same way (case, surrounding spaces)
        assertThat(channels.entries()).containsKey(ChannelMap.normalise("  Paid_Search "));
    }

    @Test
    void aChannelsNameListedUnderAnotherChannelIsAConfigurationError() {
        assertThatThrownBy(() -> load("channels {\n  email = [\"Webinar\"]\n  webinar = [\"ON24\"]\n}\n"))
                .isInstanceOf(GlengarryException.class).hasMessageContaining("channels.email")
                .hasMessageContaining("webinar is that channel");
    }

    @Test
    void theShippedMapMapsEveryChannelsOwnName() {
        ChannelMap channels = ChannelMap.load(Path.of("conf/channels.conf"));
        channels.entries().values().stream().distinct()
                .forEach(channel -> assertThat(channels.entries()).containsEntry(channel, channel));
    }
}
