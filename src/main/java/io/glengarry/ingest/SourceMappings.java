package io.glengarry.ingest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.glengarry.runtime.Errors;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.LambdaFunction;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import scala.jdk.javaapi.CollectionConverters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads source mappings from {@code conf/sources/NAME.conf} (HOCON) and checks them completely before any file
 * is read: every extract and column named must exist in the contract, every required column must be mapped,
 * each column comes from exactly one of a source column, a constant or an expression, patterns and expressions
 * must parse. A broken mapping is a configuration error (exit 2).
 *
 * <pre>
 * extracts {
 *   opportunities {
 *     file = Opportunity                      # Opportunity.csv[.gz], Opportunity-&lt;part&gt;.csv[.gz]
 *     where = "..."                           # optional: which rows are rows of the extract
 *     columns {
 *       opportunity_id = Id                   # a rename
 *       stage { from = StageName, values { "Negotiation/Review" = Negotiation } }
 *       close_date { from = CloseDate, pattern = "MM/dd/yyyy" }
 *       sales_channel { constant = direct }
 *       amount { expression = "try_cast(Amount AS decimal(20,2))" }
 *       account_id { from = AccountId, salesforce-id = true }
 *       quantity { from = Quantity__c, api-number = true }   # 10.0 -> 10, 1.2345678E7 -> 12345678
 *     }
 *   }
 * }
 * </pre>
 */
public final class SourceMappings {
    private static final Set<String> COLUMN_KEYS = Set.of("from", "constant", "expression", "pattern", "values",
            "salesforce-id", "api-number");
    private static final Set<ColumnType> NUMBERS = Set.of(ColumnType.MONEY, ColumnType.RATE, ColumnType.FRACTION,
            ColumnType.QUANTITY);
    private static final Set<String> EXTRACT_KEYS = Set.of("file", "where", "columns");

    private SourceMappings() {
    }

    /** The mapping NAME: conf/sources/NAME.conf, or the built-in identity for canonical when there is no file. */
    public static SourceMapping load(Path sourcesDir, String name) {
        Path file = sourcesDir.resolve(name + ".conf");
        if (!Files.isRegularFile(file)) {
            if (name.equals(SourceMapping.CANONICAL)) {
                return SourceMapping.canonical();
            }
            throw Errors.unknownSource(name, sourcesDir.toString(), available(sourcesDir));
        }
        Config config;
        try {
            config = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    .resolve();
        } catch (ConfigException e) {
            throw Errors.unreadableConfig(file.toString(), e);
        }
        return parse(name, file.toString(), config);
    }

    /** A mapping from HOCON text (tests, tools). */
    public static SourceMapping parse(String name, String origin, Config config) {
        Map<Extract, ExtractMapping> extracts = new EnumMap<>(Extract.class);
        for (Extract e : Extract.values()) {
            extracts.put(e, ExtractMapping.canonical(e));
        }
        if (config.hasPath("extracts")) {
            ConfigObject named = object(config.getValue("extracts"), origin, "extracts");
            for (String extractName : named.keySet()) {
                Extract extract = Extract.byFileName(extractName);
                if (extract == null) {
                    throw Errors.badSourceMapping(origin, "extracts." + extractName, extractName,
                            "one of the extracts " + Stream.of(Extract.values()).map(Extract::fileName).toList());
                }
                extracts.put(extract, extractMapping(extract, object(named.get(extractName), origin,
                        "extracts." + extractName), origin));
            }
        }
        return new SourceMapping(name, origin, extracts);
    }

    private static ExtractMapping extractMapping(Extract extract, ConfigObject spec, String origin) {
        String where = "extracts." + extract.fileName();
        for (String key : spec.keySet()) {
            if (!EXTRACT_KEYS.contains(key)) {
                throw Errors.badSourceMapping(origin, where + "." + key, key, "one of " + EXTRACT_KEYS);
            }
        }
        String fileStem = spec.containsKey("file") ? text(spec.get("file")) : extract.fileName();
        if (fileStem.isBlank() || fileStem.contains("/") || fileStem.endsWith(".csv")) {
            throw Errors.badSourceMapping(origin, where + ".file", fileStem,
                    "a file name without .csv, such as Lead (reads Lead.csv, Lead.csv.gz, Lead-<part>.csv[.gz])");
        }
        String condition = spec.containsKey("where") ? text(spec.get("where")) : null;
        List<String> conditionColumns = condition == null ? List.of()
                : expressionColumns(condition, origin, where + ".where");
        if (!spec.containsKey("columns")) {
            throw Errors.badSourceMapping(origin, where + ".columns", "(missing)",
                    "the extract's columns, each mapped from a source column, a constant or an expression");
        }
        ConfigObject columnSpecs = object(spec.get("columns"), origin, where + ".columns");
        Map<String, ColumnSource> byColumn = new LinkedHashMap<>();
        for (String column : columnSpecs.keySet()) {
            ExtractColumn contract = extract.columns().stream().filter(c -> c.name().equals(column)).findFirst()
                    .orElseThrow(() -> Errors.badSourceMapping(origin, where + ".columns." + column, column,
                            "a column of " + extract.fileName() + ": " + extract.columnNames()));
            byColumn.put(column, columnSource(contract, columnSpecs.get(column), origin,
                    where + ".columns." + column));
        }
        List<ColumnSource> columns = new ArrayList<>();
        for (ExtractColumn c : extract.columns()) {
            ColumnSource source = byColumn.get(c.name());
            if (source == null && c.required()) {
                throw Errors.badSourceMapping(origin, where + ".columns." + c.name(), "(not mapped)",
                        "a mapping for the required column " + c.name() + " of " + extract.fileName());
            }
            if (source != null) {
                columns.add(source);
            }
        }
        return new ExtractMapping(extract, fileStem, columns, condition, conditionColumns, false);
    }

    private static ColumnSource columnSource(ExtractColumn column, ConfigValue value, String origin, String where) {
        if (value.valueType() == ConfigValueType.STRING) {
            String from = text(value);
            return new ColumnSource(column.name(), from, null, null, null, Map.of(), false, false,
                    List.of(ColumnSource.key(from)), false);
        }
        ConfigObject spec = object(value, origin, where);
        for (String key : spec.keySet()) {
            if (!COLUMN_KEYS.contains(key)) {
                throw Errors.badSourceMapping(origin, where + "." + key, key, "one of " + COLUMN_KEYS);
            }
        }
        String from = spec.containsKey("from") ? text(spec.get("from")) : null;
        String constant = spec.containsKey("constant") ? text(spec.get("constant")) : null;
        String expression = spec.containsKey("expression") ? text(spec.get("expression")) : null;
        int kinds = (from == null ? 0 : 1) + (constant == null ? 0 : 1) + (expression == null ? 0 : 1);
        if (kinds != 1) {
            throw Errors.badSourceMapping(origin, where, spec.unwrapped(),
                    "exactly one of from (a source column), constant or expression");
        }
        String pattern = spec.containsKey("pattern") ? text(spec.get("pattern")) : null;
        if (pattern != null) {
            if (from == null || (column.type() != ColumnType.DATE && column.type() != ColumnType.TIMESTAMP)) {
                throw Errors.badSourceMapping(origin, where + ".pattern", pattern,
                        "a pattern only on a date or timestamp column read 'from' a source column");
            }
            try {
                DateTimeFormatter.ofPattern(pattern);
            } catch (IllegalArgumentException e) {
                throw Errors.badSourceMapping(origin, where + ".pattern", pattern,
                        "a datetime pattern such as MM/dd/yyyy HH:mm (" + e.getMessage() + ")");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (spec.containsKey("values")) {
            if (from == null) {
                throw Errors.badSourceMapping(origin, where + ".values", "", "value maps only with 'from'");
            }
            ConfigObject map = object(spec.get("values"), origin, where + ".values");
            for (String key : map.keySet()) {
                values.put(key, text(map.get(key)));
            }
        }
        boolean salesforceId = false;
        if (spec.containsKey("salesforce-id")) {
            Object flag = spec.get("salesforce-id").unwrapped();
            if (!(flag instanceof Boolean b) || (b && from == null)) {
                throw Errors.badSourceMapping(origin, where + ".salesforce-id", flag,
                        "true or false, on a column read 'from' a source column");
            }
            salesforceId = b;
        }
        boolean apiNumber = false;
        if (spec.containsKey("api-number")) {
            Object flag = spec.get("api-number").unwrapped();
            if (!(flag instanceof Boolean b) || (b && (from == null || !NUMBERS.contains(column.type())))) {
                throw Errors.badSourceMapping(origin, where + ".api-number", flag,
                        "true or false, on a number column (money, rate, fraction, quantity) read 'from' a source "
                                + "column");
            }
            apiNumber = b;
        }
        List<String> sourceColumns = from != null ? List.of(ColumnSource.key(from))
                : expression != null ? expressionColumns(expression, origin, where + ".expression") : List.of();
        return new ColumnSource(column.name(), from, constant, expression, pattern, java.util.Collections.unmodifiableMap(values),
                salesforceId, apiNumber, sourceColumns, false);
    }

    /** The source columns a Spark SQL expression reads (lower case), found by parsing it; lambda variables aside. */
    static List<String> expressionColumns(String expression, String origin, String where) {
        Expression parsed;
        try {
            parsed = CatalystSqlParser$.MODULE$.parseExpression(expression);
        } catch (Exception e) { // Spark's ParseException is not a RuntimeException
            throw Errors.badSourceMapping(origin, where, expression,
                    "a Spark SQL expression over the source columns (" + e.getMessage().lines().findFirst()
                            .orElse("") + ")");
        }
        List<String> out = new ArrayList<>();
        collectColumns(parsed, Set.of(), out);
        return out;
    }

    private static void collectColumns(Expression e, Set<String> lambdaVariables, List<String> out) {
        if (e instanceof UnresolvedAttribute a) {
            String name = ColumnSource.key(String.join(".", CollectionConverters.asJava(a.nameParts())));
            if (!lambdaVariables.contains(name) && !out.contains(name)) {
                out.add(name);
            }
            return;
        }
        Set<String> bound = lambdaVariables;
        if (e instanceof LambdaFunction f) {
            bound = new java.util.HashSet<>(lambdaVariables);
            for (org.apache.spark.sql.catalyst.expressions.NamedExpression v
                    : CollectionConverters.asJava(f.arguments())) {
                bound.add(ColumnSource.key(v.name()));
            }
        }
        for (Expression child : CollectionConverters.asJava(e.children())) {
            collectColumns(child, bound, out);
        }
    }

    private static ConfigObject object(ConfigValue value, String origin, String where) {
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw Errors.badSourceMapping(origin, where, value.unwrapped(), "an object { ... }");
        }
        return (ConfigObject) value;
    }

    private static String text(ConfigValue value) {
        Object v = value.unwrapped();
        return v == null ? "" : v.toString();
    }

    private static List<String> available(Path sourcesDir) {
        try (Stream<Path> files = Files.list(sourcesDir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf"))
                    .map(n -> n.substring(0, n.length() - ".conf".length())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
