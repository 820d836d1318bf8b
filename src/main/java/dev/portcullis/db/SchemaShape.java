package dev.portcullis.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables (and views) of one schema and their column NAMES, as JDBC metadata reports them. Types
 * are left out on purpose: the same migration yields different type names on H2 and PostgreSQL,
 * so only names can be compared between the two.
 */
record SchemaShape(SortedMap<String, SortedSet<String>> columnsByTable) {

    private static final Set<String> RELATION_TYPES = Set.of("TABLE", "BASE TABLE", "PARTITIONED TABLE", "VIEW");

    /**
     * @param schema the schema to read, or null for the connection's current schema
     * @param ignoredTable Flyway's history table, which exists only where Flyway ran
     */
    static SchemaShape read(Connection connection, String schema, String ignoredTable) throws SQLException {
        String actualSchema = schema != null ? schema : connection.getSchema();
        DatabaseMetaData meta = connection.getMetaData();
        SortedMap<String, SortedSet<String>> tables = new TreeMap<>();
        try (ResultSet rs = meta.getTables(connection.getCatalog(), actualSchema, "%", null)) {
            while (rs.next()) {
                String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                String table = rs.getString("TABLE_NAME");
                if (RELATION_TYPES.contains(type) && !table.equalsIgnoreCase(ignoredTable)) {
                    tables.put(table.toLowerCase(Locale.ROOT), columns(meta, connection.getCatalog(), actualSchema, table));
                }
            }
        }
        return new SchemaShape(tables);
    }

    private static SortedSet<String> columns(DatabaseMetaData meta, String catalog, String schema, String table)
            throws SQLException {
        SortedSet<String> columns = new TreeSet<>();
        try (ResultSet rs = meta.getColumns(catalog, schema, table, "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    /** What this (live) schema has or lacks compared to the one the migrations define; empty when equal. */
    List<String> differencesFrom(SchemaShape expected) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, SortedSet<String>> table : expected.columnsByTable().entrySet()) {
            SortedSet<String> live = columnsByTable.get(table.getKey());
            if (live == null) {
                differences.add("table " + table.getKey() + " is missing");
                continue;
            }
            for (String column : table.getValue()) {
                if (!live.contains(column)) {
                    differences.add("column " + table.getKey() + "." + column + " is missing");
                }
            }
            for (String column : live) {
                if (!table.getValue().contains(column)) {
                    differences.add("column " + table.getKey() + "." + column + " is not defined by the migrations");
                }
            }
        }
        for (String table : columnsByTable.keySet()) {
            if (!expected.columnsByTable().containsKey(table)) {
                differences.add("table " + table + " is not defined by the migrations");
            }
        }
        return differences;
    }
}
