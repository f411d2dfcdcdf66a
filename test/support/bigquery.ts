/** The JSON paths the BigQuery SQL reads (`JSON_VALUE(data, '$.a.b')`), and which a row lacks. */
export function sqlJsonPaths(sql: string): string[] {
  const paths = new Set<string>();
  for (const m of sql.matchAll(/JSON_VALUE\(\s*data\s*,\s*'(\$[^']*)'\s*\)/g)) paths.add(m[1]!);
  return [...paths].sort();
}

/** Paths of `sqlJsonPaths(sql)` that do not exist in `row` (a key holding null exists). */
export function missingSqlPaths(sql: string, row: unknown): string[] {
  return sqlJsonPaths(sql).filter((p) => {
    let cur: unknown = row;
    for (const key of p.slice(2).split('.')) {
      if (typeof cur !== 'object' || cur === null || !(key in cur)) return true;
      cur = (cur as Record<string, unknown>)[key];
    }
    return false;
  });
}
