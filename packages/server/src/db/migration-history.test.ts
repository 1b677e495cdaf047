import { MIGRATIONS } from '@cairn/core/model';
import { DuckDbDialect, PostgresDialect } from '@cairn/core/sql';
import { describe, expect, it } from 'vitest';
import { migrationChecksum } from './migrate';

/**
 * Applied migrations are history: a store refuses to start when one changed.
 * These checksums pin them, so an edit fails here first. Add a new migration
 * instead, and pin its checksums below when it is final.
 */
const PINNED: Record<number, { duckdb: string; postgres: string }> = {
  1: {
    duckdb: 'd9ed46bdb805f3043efceac2247ce43236b8ed03b31b621244c05666e0c50abf',
    postgres: '73e614a5041a2cb3ca8452011c29df30201d34970631b30180481c4c5012514a',
  },
  2: {
    duckdb: 'cdbc27b6a1f8c4b2feb6344822a783482c0e3dcd6117261b01a28003a8c0ab78',
    postgres: '5da4d7301e3197fd453df5387757aa8fca3eeb72632db6b2ac40967e66db8eda',
  },
  3: {
    duckdb: '7e4b6789f06dbe819d8de716f6f4cd513806a9c238b432483da5dd51b7a9b2d6',
    postgres: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  },
  4: {
    duckdb: '30eb94d848fca531680b4401ee0563b7fca4a1642687b614cf053c7396ae6648',
    postgres: '4153ac5f1ef891c29072d47ad9e26f3fc82c2b818fe617ba261665b439132a96',
  },
  5: {
    duckdb: '46abdddaa4f89fc7fdb55c5f4e0a1a3055e6c32b30aabfa2c9af94d4ca0e2299',
    postgres: 'f864cfda21f402422c9abbe43e52c21fee7e744723ecce87b6933e0aa2dd50e8',
  },
  6: {
    duckdb: 'dd20d9984cceec5fbb0cd82506008608dd89adf8dc21e0e02ba5db96bf5cd48f',
    postgres: '1e0431e274f91bc88615d6ca5986477399a883efb39c99a8dc8596e27e972cd8',
  },
  7: {
    duckdb: 'fe605e0343402b80fab702214ffdbd7e795fb4a25d63ca1ee8c69981d1cbf64f',
    postgres: '13297e0abf083160145f41a86b47a50f152b0b35cd25dacb57c7f6e06dfdb559',
  },
  8: {
    duckdb: 'd5544cece47843d7a60611abe682194f9067cef30321c67250804161dd9beae6',
    postgres: 'ff33651328a58f6f547f8e5f8ae29522901ca8e8bc8fc56b1183b27ad35618d1',
  },
  9: {
    duckdb: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    postgres: '5df757354f80d178308e2f47b0d48bcb466343945a17bf4250f92aedae7cac24',
  },
  10: {
    duckdb: 'c01764e4b1617617d7bd24476eda859fe46f8ee97c0ccae8fa3d323c70076070',
    postgres: '7225afd6caacd42f7fcfcba1e322f60e8c67b23cae42b7d360c20604dc271426',
  },
  11: {
    duckdb: 'd4adf6cbadb8d9797e2f477339641537cb6e68bb64cdf3dfcceb1540e1603253',
    postgres: '6c4f3a233733fdb6d05b0af5d5ef3421b6eb92719a7614804a8beb74720f9122',
  },
  12: {
    duckdb: '4f80d88b47b3ef0d4a9862814be8e4eb717f82cac83685a8b56c8acc095c1467',
    postgres: 'c7169ea33a751eba118ea1e232c7cf37e9b1e9caded9d9704fc95e296e8efc0f',
  },
  13: {
    duckdb: '8e7d51f52d6c909996386bce3a46d509791e3e7c404480d7c989cb5999079740',
    postgres: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  },
};

describe('migration history', () => {
  it('numbers migrations 1, 2, 3 … without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it.each(Object.entries(PINNED))('keeps migration %s exactly as it was applied', (version, pinned) => {
    const m = MIGRATIONS.find((x) => x.version === Number(version));
    expect(m).toBeDefined();
    if (!m) return;
    expect(migrationChecksum(m, { dialect: DuckDbDialect })).toBe(pinned.duckdb);
    expect(migrationChecksum(m, { dialect: PostgresDialect })).toBe(pinned.postgres);
  });
});
