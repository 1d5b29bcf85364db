package io.glengarry.ingest;

import io.glengarry.runtime.Errors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads an extract's files into rows of text, one task per file: every record becomes one row with its file,
 * line, raw text and, when the record could not be split into the header's columns, a parse problem. Columns
 * are matched by header name, so column order in the file does not matter; a column the file lacks is null.
 * A file of another source is read by its own column names and turned into the extract's columns by the source
 * mapping ({@link MappedColumns}). No value is interpreted here: that is {@link ExtractTyping}'s job.
 */
public final class RawExtractReader {
    public static final String RAW_LINE = "raw_line";
    public static final String PARSE_PROBLEM = "parse_problem";

    private RawExtractReader() {
    }

    /** Schema of the text rows: lineage, then every extract column as text. */
    public static StructType rawSchema(Extract extract) {
        return rawSchema(extract.columnNames());
    }

    /** Schema of the text rows: lineage, then the given columns (as the header names them, lower case) as text. */
    static StructType rawSchema(List<String> columns) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(Extract.SOURCE_FILE, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(Extract.SOURCE_LINE, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(RAW_LINE, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(PARSE_PROBLEM, DataTypes.StringType, true));
        for (String column : columns) {
            fields.add(DataTypes.createStructField(column, DataTypes.StringType, true));
        }
        return new StructType(fields.toArray(new StructField[0]));
    }

    public static Dataset<Row> read(SparkSession spark, ExtractFiles files) {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < files.paths().size(); i++) {
            tasks.add(files.paths().get(i) + "\u0000" + files.names().get(i));
        }
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(tasks, Math.max(1, tasks.size()))
                .flatMap(new ParseFile(files.mapping().sourceColumns()));
        Dataset<Row> text = spark.createDataFrame(rows, rawSchema(files.mapping().sourceColumns()));
        return files.mapping().identity() ? text : MappedColumns.apply(files.mapping(), text);
    }

    /** Parses one file (path NUL display name) into text rows. Runs on an executor. */
    static final class ParseFile implements FlatMapFunction<String, Row> {
        private final List<String> columns;

        ParseFile(List<String> columns) {
            this.columns = List.copyOf(columns);
        }

        @Override
        public Iterator<Row> call(String task) throws IOException {
            String path = task.substring(0, task.indexOf('\u0000'));
            String displayName = task.substring(task.indexOf('\u0000') + 1);
            InputStream in = DropInspector.decompressed(
                    new BufferedInputStream(Files.newInputStream(Path.of(path)), 1 << 16), path);
            Reader reader = DropInspector.utf8Reader(in);
            CsvRecordReader records = new CsvRecordReader(reader);
            List<String> header = DropInspector.normaliseHeader(records.next().fields());
            int[] positions = new int[columns.size()];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = header.indexOf(columns.get(i));
            }
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    try {
                        boolean more = records.hasNext();
                        if (!more) {
                            reader.close();
                        }
                        return more;
                    } catch (UncheckedIOException e) {
                        if (e.getCause() instanceof CharacterCodingException) {
                            throw DropInspector.notUtf8(Path.of(path), displayName);
                        }
                        throw Errors.unreadableFile(displayName, e.getCause());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public Row next() {
                    CsvRecord record = records.next();
                    Object[] values = new Object[4 + positions.length];
                    values[0] = displayName;
                    values[1] = record.line();
                    values[2] = record.rawText();
                    String problem = record.problem();
                    if (problem == null && record.fields().size() != header.size()) {
                        problem = record.fields().size() + " fields where the header has " + header.size();
                    }
                    values[3] = problem;
                    for (int i = 0; i < positions.length; i++) {
                        int p = positions[i];
                        values[4 + i] = p >= 0 && p < record.fields().size() ? record.fields().get(p) : null;
                    }
                    return RowFactory.create(values);
                }
            };
        }
    }
}
