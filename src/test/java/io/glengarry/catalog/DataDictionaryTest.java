package io.glengarry.catalog;

import io.glengarry.SampleWarehouse;
import io.glengarry.TestSpark;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/data-dictionary.md is generated from the tables the sample nights really wrote (their Delta schemas) and the
 * docs in the code: every table and column must be described, and the committed file must be the generated one.
 */
class DataDictionaryTest {
    static final Path COMMITTED = Path.of("docs/data-dictionary.md");
    static final Path GENERATED = Path.of("target/data-dictionary.md");

    @Test
    void everyTableAndColumnTheJobWritesIsDocumented() {
        List<String> gaps = DataDictionary.gaps(TestSpark.get(), SampleWarehouse.get());
        assertThat(gaps).as("undocumented tables or columns (io.glengarry.catalog.TableDocs):\n"
                + String.join("\n", gaps)).isEmpty();
    }

    @Test
    void theCommittedDictionaryIsTheGeneratedOne() throws IOException {
        String generated = DataDictionary.markdown(TestSpark.get(), SampleWarehouse.get());
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED, generated, StandardCharsets.UTF_8);
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertThat(committed).as("docs/data-dictionary.md is out of date. This test just wrote the generated one to "
                + GENERATED + ": cp " + GENERATED + " " + COMMITTED + " (or: " + DataDictionary.REGENERATE + ")")
                .isEqualTo(generated);
        assertThat(generated).contains("### glengarry_gold.cohort_conversion", "| `revenue_cum` | decimal(",
                "### glengarry_bronze._quarantine", "partitioned by `as_of`").doesNotContain("UNDOCUMENTED");
    }

    @Test
    void aNewColumnOrTableWithoutDocsAndADocWithoutColumnAreGaps() {
        StructType cohort = new StructType().add("as_of", DataTypes.DateType).add("cohort_quarter", DataTypes.StringType)
                .add("mystery_metric", DataTypes.LongType);
        StructType report = new StructType().add("as_of", DataTypes.DateType);
        List<DataDictionary.Written> tables = List.of(
                new DataDictionary.Written(new WarehouseTable(Layer.GOLD, "cohort_conversion",
                        Path.of("/w/gold/cohort_conversion")), cohort, List.of("as_of")),
                new DataDictionary.Written(new WarehouseTable(Layer.GOLD, "brand_new_report",
                        Path.of("/w/gold/brand_new_report")), report, List.of("as_of")));
        List<String> gaps = DataDictionary.gaps(tables);
        assertThat(gaps).anySatisfy(g -> assertThat(g).startsWith("column gold.cohort_conversion.mystery_metric "
                + "(bigint) has no description"));
        assertThat(gaps).anySatisfy(g -> assertThat(g).startsWith("table gold.brand_new_report has no TableDoc"));
        assertThat(gaps).anySatisfy(g -> assertThat(g).isEqualTo("column gold.cohort_conversion.revenue_cum is "
                + "documented but the table has no such column"));
        assertThat(gaps).anySatisfy(g -> assertThat(g).isEqualTo("table bronze.leads is documented but the "
                + "warehouse has no such table"));
        assertThat(DataDictionary.markdown(tables)).contains("| `mystery_metric` | bigint | **UNDOCUMENTED** |",
                "### glengarry_gold.brand_new_report\n\n**UNDOCUMENTED**");
    }
}
