package io.glengarry.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.glengarry.runtime.Errors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The raw source text -> canonical marketing channel map from conf/channels.conf. Keys are normalised
 * (trimmed, lower case) so matching is case-insensitive and ignores surrounding spaces.
 */
public final class ChannelMap {
    public static final String UNMAPPED = "unmapped";

    private final Map<String, String> channelByRawValue;

    public ChannelMap(Map<String, String> channelByRawValue) {
        this.channelByRawValue = new TreeMap<>();
        channelByRawValue.forEach((raw, channel) -> this.channelByRawValue.put(normalise(raw), channel));
    }

    public static ChannelMap load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw Errors.unreadableConfig(file.toString(), new java.io.FileNotFoundException("no such file"));
        }
        Config config;
        try {
            config = ConfigFactory.parseFile(file.toFile()).resolve();
        } catch (ConfigException e) {
            throw Errors.unreadableConfig(file.toString(), e);
        }
        if (!config.hasPath("channels")) {
            throw Errors.badConfig("channels", "(missing)", "a block channels { <channel> = [raw values] } in " + file);
        }
        Map<String, String> map = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> entry : config.getObject("channels").entrySet()) {
            String channel = entry.getKey();
            for (String raw : config.getConfig("channels").getStringList(quoteKey(channel))) {
                String previous = map.put(normalise(raw), channel);
                if (previous != null && !previous.equals(channel)) {
                    throw Errors.badConfig("channels." + channel, raw,
                            "each raw value under one channel only (also under " + previous + ")");
                }
            }
        }
        // a raw value that already is a canonical channel's name (any case, surrounding spaces) is that channel
        for (String channel : config.getObject("channels").keySet()) {
            String listedUnder = map.putIfAbsent(normalise(channel), channel);
            if (listedUnder != null && !listedUnder.equals(channel)) {
                throw Errors.badConfig("channels." + listedUnder, channel,
                        "no raw value that is the name of another channel (" + channel + " is that channel)");
            }
        }
        return new ChannelMap(map);
    }

    private static String quoteKey(String key) {
        return "\"" + key + "\"";
    }

    public static String normalise(String raw) {
        return raw.trim().toLowerCase(Locale.ROOT);
    }

    /** Normalised raw value -> channel, for a broadcast join. */
    public Map<String, String> entries() {
        return channelByRawValue;
    }

    public int size() {
        return channelByRawValue.size();
    }

    String fingerprint() {
        return channelByRawValue.toString();
    }
}
