package io.glengarry.catalog;

import io.glengarry.runtime.Errors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowPartitions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;

import scala.jdk.javaapi.CollectionConverters;

import java.util.List;
import java.util.Locale;

/**
 * Decides whether a statement only reads, from the plan Spark's own parser (Delta's extension included) makes of
 * it, not from keywords. A statement reads when its plan is a query: every node a Spark query operator
 * ({@code org.apache.spark.sql.catalyst.plans.logical} or an unresolved {@code ...catalyst.analysis} node) and none
 * a command, a parsed statement or an insert into a directory - or when it is one of a few describing commands
 * (DESCRIBE, SHOW TABLES, SHOW COLUMNS, ...). Anything else (INSERT, UPDATE, DELETE, MERGE, CREATE, DROP, ALTER,
 * TRUNCATE, CACHE, SET, USE, Delta's OPTIMIZE, VACUUM, RESTORE, ...) is refused.
 */
public final class ReadOnlySql {
    private static final List<Class<?>> DESCRIBING = List.of(DescribeRelation.class, DescribeColumn.class,
            DescribeNamespace.class, DescribeFunction.class, ShowTables.class, ShowViews.class, ShowColumns.class,
            ShowTableProperties.class, ShowPartitions.class, ShowFunctions.class);
    private static final List<String> QUERY_PACKAGES = List.of("org.apache.spark.sql.catalyst.plans.logical.",
            "org.apache.spark.sql.catalyst.analysis.");

    private ReadOnlySql() {
    }

    /** The statement without a trailing semicolon, if it only reads; else a GG-205 (write) or GG-206 (unparseable). */
    public static String check(SparkSession spark, String statement) {
        String sql = statement.strip();
        while (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).stripTrailing();
        }
        if (sql.isEmpty()) {
            throw Errors.badQuery(statement, "the statement is empty.");
        }
        LogicalPlan plan;
        try {
            plan = spark.sessionState().sqlParser().parsePlan(sql);
        } catch (ParseException e) {
            throw Errors.badQuery(sql, "it is not one valid Spark SQL statement (one statement per query): "
                    + e.getMessage().strip());
        }
        if (DESCRIBING.stream().anyMatch(c -> c.isInstance(plan))) {
            return sql;
        }
        LogicalPlan writer = firstNonQueryNode(plan);
        if (writer != null) {
            throw Errors.notReadOnly(sql, kind(writer));
        }
        return sql;
    }

    /** Depth-first over the children and the inner children (CTE definitions), the root first. */
    private static LogicalPlan firstNonQueryNode(LogicalPlan node) {
        if (!isQueryOperator(node)) {
            return node;
        }
        List<Object> below = new java.util.ArrayList<>(CollectionConverters.asJava(node.children()));
        below.addAll(CollectionConverters.asJava(node.innerChildren()));
        for (Object child : below) {
            if (child instanceof LogicalPlan p) {
                LogicalPlan found = firstNonQueryNode(p);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static boolean isQueryOperator(LogicalPlan node) {
        String className = node.getClass().getName();
        return !(node instanceof Command) && !(node instanceof ParsedStatement) && !(node instanceof InsertIntoDir)
                && QUERY_PACKAGES.stream().anyMatch(className::startsWith);
    }

    /** "InsertIntoStatement" -> "insert into", for the message. */
    private static String kind(LogicalPlan node) {
        String name = node.getClass().getSimpleName().replaceAll("(Statement|Command|Table)$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
