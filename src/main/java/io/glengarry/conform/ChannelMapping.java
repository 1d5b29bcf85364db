package io.glengarry.conform;

import io.glengarry.config.ChannelMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;

/** Raw source text -> canonical channel, by a broadcast join on the normalised text; no match -> unmapped. */
public final class ChannelMapping {
    public static final StructType SCHEMA = new StructType()
            .add("raw_key", DataTypes.StringType, false)
            .add("mapped_channel", DataTypes.StringType, false);

    private ChannelMapping() {
    }

    public static Dataset<Row> table(SparkSession spark, ChannelMap channels) {
        List<Row> rows = new ArrayList<>();
        channels.entries().forEach((raw, channel) -> rows.add(RowFactory.create(raw, channel)));
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** Adds {@code output}: the canonical channel of the raw text column (null or unknown text: unmapped). */
    public static Dataset<Row> map(Dataset<Row> rows, Column rawText, String output, Dataset<Row> channelTable) {
        Dataset<Row> keyed = rows.withColumn("_raw_key", lower(trim(rawText)));
        return keyed.join(broadcast(channelTable), keyed.col("_raw_key").equalTo(channelTable.col("raw_key")), "left")
                .withColumn(output, coalesce(col("mapped_channel"), lit(ChannelMap.UNMAPPED)))
                .drop("_raw_key", "raw_key", "mapped_channel");
    }
}
