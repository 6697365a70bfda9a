import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { compareShapes, describeDatabase, describeModel, readSchemaText } from '@/tests/helpers/schema-shape';

let database: TestDatabase;

beforeAll(async () => {
  database = await createMigratedDatabase();
});

afterAll(async () => {
  await database.drop();
});

describe('the migrations and prisma/schema.prisma', () => {
  it('describe the same tables, columns, types, nullability, keys, indexes and enums', async () => {
    const drift = compareShapes(describeModel(readSchemaText()), await describeDatabase(database.url));
    expect(drift).toEqual({ onlyInModel: [], onlyInDatabase: [] });
  });

  it('report a field that exists only in the model', async () => {
    const schema = readSchemaText().replace('  name         String\n', '  name         String\n  nickname     String?\n');
    const drift = compareShapes(describeModel(schema), await describeDatabase(database.url));
    expect(drift.onlyInModel).toEqual(['column User.nickname text null']);
  });

  it('report a change of nullability or type', async () => {
    const schema = readSchemaText()
      .replace('  passwordHash String?\n', '  passwordHash String\n')
      .replace('  tokenVersion Int          @default(0)', '  tokenVersion BigInt       @default(0)');
    const drift = compareShapes(describeModel(schema), await describeDatabase(database.url));
    expect(drift.onlyInModel).toEqual(['column User.passwordHash text not null', 'column User.tokenVersion bigint not null']);
  });

  it('report a unique index that exists only in the database', async () => {
    const schema = readSchemaText().replace('  email        String       @unique\n', '  email        String\n');
    const drift = compareShapes(describeModel(schema), await describeDatabase(database.url));
    expect(drift.onlyInDatabase).toEqual(['unique User(email)']);
  });

  it('report a model that has no table', async () => {
    const schema = `${readSchemaText()}\nmodel Bookmark {\n  id String @id\n}\n`;
    const drift = compareShapes(describeModel(schema), await describeDatabase(database.url));
    expect(drift.onlyInModel).toEqual(['column Bookmark.id text not null', 'primary key Bookmark(id)', 'table Bookmark']);
  });
});
