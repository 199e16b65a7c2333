// Tests never touch the developer's database: they get their own (reset by `pretest`).
process.env.DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/loupe_test';
process.env.LOUPE_REDIS_PREFIX = process.env.LOUPE_REDIS_PREFIX ?? 'loupe-test';
