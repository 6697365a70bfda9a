import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';

// Prisma's own schema parser (the WebAssembly build the CLI uses), so the model is read exactly as
// Prisma reads it, without the schema engine binary this machine cannot download.
const prismaSchemaWasm = createRequire(import.meta.url)('@prisma/prisma-schema-wasm') as { get_dmmf: (params: string) => string };

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = { model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; fields: Array<{ name: string }> };
type Dmmf = { datamodel: { models: DmmfModel[]; enums: Array<{ name: string; dbName?: string | null; values: Array<{ name: string; dbName?: string | null }> }>; indexes: DmmfIndex[] } };

/** Reads `prisma/schema.prisma` (or the given text). */
export function readSchemaText(): string {
  return readFileSync(path.join(process.cwd(), 'prisma', 'schema.prisma'), 'utf8');
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  Float: 'double precision',
  Decimal: 'numeric',
  Json: 'jsonb',
  Bytes: 'bytea',
  DateTime: 'timestamp(3)',
};

const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Uuid: () => 'uuid',
  Text: () => 'text',
  VarChar: (args) => `varchar(${args[0] ?? ''})`,
  Char: (args) => `char(${args[0] ?? ''})`,
  Timestamptz: (args) => `timestamptz(${args[0] ?? '6'})`,
  Timestamp: (args) => `timestamp(${args[0] ?? '6'})`,
  Date: () => 'date',
  Integer: () => 'integer',
  SmallInt: () => 'smallint',
  BigInt: () => 'bigint',
  JsonB: () => 'jsonb',
  Json: () => 'json',
  DoublePrecision: () => 'double precision',
};

function columnType(field: DmmfField): string {
  if (field.kind === 'enum') return `enum ${field.type}`;
  const native = field.nativeType ? NATIVE_TYPES[field.nativeType[0]]?.(field.nativeType[1]) : undefined;
  const base = native ?? SCALAR_TYPES[field.type] ?? `unknown ${field.type}`;
  return field.isList ? `${base}[]` : base;
}

/** Describes the tables, columns, keys, indexes and enums `schema.prisma` declares, one line each. */
export function describeModel(schemaText: string): Set<string> {
  const dmmf = JSON.parse(prismaSchemaWasm.get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schemaText]] }))) as Dmmf;
  const lines = new Set<string>();
  const tableOf = new Map(dmmf.datamodel.models.map((model) => [model.name, model.dbName ?? model.name]));
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    return field?.dbName ?? fieldName;
  };
  for (const model of dmmf.datamodel.models) {
    const table = tableOf.get(model.name) ?? model.name;
    lines.add(`table ${table}`);
    for (const field of model.fields) {
      if (field.kind === 'object') {
        if (field.relationFromFields?.length) {
          const target = tableOf.get(field.type) ?? field.type;
          lines.add(`foreign key ${table}(${field.relationFromFields.map((name) => columnOf(model, name)).join(', ')}) -> ${target}(${(field.relationToFields ?? []).join(', ')})`);
        }
        continue;
      }
      // Prisma Migrate creates scalar-list columns without NOT NULL, though the client never returns null for them.
      const isNullable = field.isList || !field.isRequired;
      lines.add(`column ${table}.${field.dbName ?? field.name} ${columnType(field)} ${isNullable ? 'null' : 'not null'}`);
    }
  }
  // Prisma's model leaves out fields of a type it does not support (a tsvector); they are read from the text.
  for (const [, modelName, body] of schemaText.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const table = tableOf.get(modelName ?? '') ?? modelName;
    for (const [, name, type, optional] of (body ?? '').matchAll(/^\s+(\w+)\s+Unsupported\("([^"]+)"\)(\?)?/gm)) lines.add(`column ${table}.${name} ${type} ${optional ? 'null' : 'not null'}`);
  }
  for (const index of dmmf.datamodel.indexes) {
    const model = dmmf.datamodel.models.find((candidate) => candidate.name === index.model);
    if (!model) continue;
    const columns = index.fields.map((field) => columnOf(model, field.name)).join(', ');
    const kind = index.type === 'id' ? 'primary key' : index.type === 'unique' ? 'unique' : 'index';
    lines.add(`${kind} ${tableOf.get(model.name)}(${columns})`);
  }
  for (const enumType of dmmf.datamodel.enums) {
    lines.add(`enum ${enumType.dbName ?? enumType.name} (${enumType.values.map((value) => value.dbName ?? value.name).join(', ')})`);
  }
  return lines;
}

const DATABASE_SHAPE_QUERIES = {
  columns: `
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           t.typtype = 'e' AS is_enum, t.typname AS type_name, a.attnotnull AS not_null
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`,
  indexes: `
    SELECT c.relname AS table, i.indisprimary AS is_primary, i.indisunique AS is_unique,
           array_agg(a.attname::text ORDER BY k.ordinality) AS columns
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ordinality)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE n.nspname = 'public' AND c.relname <> '_prisma_migrations'
    GROUP BY c.relname, i.indexrelid, i.indisprimary, i.indisunique`,
  foreignKeys: `
    SELECT c.relname AS table, f.relname AS target,
           (SELECT array_agg(a.attname::text ORDER BY k.ordinality) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ordinality)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
           (SELECT array_agg(a.attname::text ORDER BY k.ordinality) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ordinality)
              JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS target_columns
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_class f ON f.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE con.contype = 'f' AND n.nspname = 'public'`,
  enums: `
    SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public'
    GROUP BY t.typname`,
};

function normaliseDatabaseType(type: string): string {
  return type
    .replace(/^timestamp\((\d)\) with time zone$/, 'timestamptz($1)')
    .replace(/^timestamp with time zone$/, 'timestamptz(6)')
    .replace(/^timestamp\((\d)\) without time zone$/, 'timestamp($1)')
    .replace(/^timestamp without time zone$/, 'timestamp(6)')
    .replace(/^character varying\((\d+)\)$/, 'varchar($1)')
    .replace(/^character\((\d+)\)$/, 'char($1)');
}

/** Describes the migrated database in the same one-line form as describeModel. */
export async function describeDatabase(url: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines = new Set<string>();
    const columns = await client.query<{ table: string; column: string; type: string; is_enum: boolean; type_name: string; not_null: boolean }>(DATABASE_SHAPE_QUERIES.columns);
    for (const row of columns.rows) {
      lines.add(`table ${row.table}`);
      const type = row.is_enum ? `enum ${row.type_name}` : normaliseDatabaseType(row.type);
      lines.add(`column ${row.table}.${row.column} ${type} ${row.not_null ? 'not null' : 'null'}`);
    }
    const indexes = await client.query<{ table: string; is_primary: boolean; is_unique: boolean; columns: string[] }>(DATABASE_SHAPE_QUERIES.indexes);
    for (const row of indexes.rows) {
      const kind = row.is_primary ? 'primary key' : row.is_unique ? 'unique' : 'index';
      lines.add(`${kind} ${row.table}(${row.columns.join(', ')})`);
    }
    const foreignKeys = await client.query<{ table: string; target: string; columns: string[]; target_columns: string[] }>(DATABASE_SHAPE_QUERIES.foreignKeys);
    for (const row of foreignKeys.rows) {
      lines.add(`foreign key ${row.table}(${row.columns.join(', ')}) -> ${row.target}(${row.target_columns.join(', ')})`);
    }
    const enums = await client.query<{ name: string; labels: string[] }>(DATABASE_SHAPE_QUERIES.enums);
    for (const row of enums.rows) lines.add(`enum ${row.name} (${row.labels.join(', ')})`);
    return lines;
  } finally {
    await client.end();
  }
}

/** Lists what only one side has: an empty result means the database matches the model. */
export function compareShapes(model: Set<string>, database: Set<string>): { onlyInModel: string[]; onlyInDatabase: string[] } {
  return {
    onlyInModel: [...model].filter((line) => !database.has(line)).sort(),
    onlyInDatabase: [...database].filter((line) => !model.has(line)).sort(),
  };
}
