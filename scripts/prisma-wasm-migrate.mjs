#!/usr/bin/env node
// Offline Prisma Migrate for PostgreSQL.
//
// Runs Prisma's own schema engine compiled to WebAssembly (@prisma/schema-engine-wasm, the same
// Rust code as the `schema-engine` binary, same commit as the pinned `prisma` CLI) and talks to
// Postgres through @prisma/adapter-pg. No Rust binary, no download, no network.
//
//   node scripts/prisma-wasm-migrate.mjs dev --name <name> [--create-only]  # = prisma migrate dev
//   node scripts/prisma-wasm-migrate.mjs deploy                            # = prisma migrate deploy
//   node scripts/prisma-wasm-migrate.mjs status                            # = prisma migrate status
//   node scripts/prisma-wasm-migrate.mjs diff                              # SQL from migrations to schema
//   node scripts/prisma-wasm-migrate.mjs check                             # exit 2 if schema has unmigrated changes
//   node scripts/prisma-wasm-migrate.mjs resolve --rolled-back|--applied <name>  # = prisma migrate resolve
//   node scripts/prisma-wasm-migrate.mjs reset --force                     # drop all, re-apply migrations
//
// Paths and URL come from prisma.config.ts (schema, migrations.path, datasource.url), loaded with
// @prisma/config as the CLI does. Migration folders, migration_lock.toml and the _prisma_migrations
// table are written by the engine itself, so the regular `prisma migrate deploy|status` binary
// can take over wherever it is available.
// `dev`, `diff` and `check` replay the migrations into a throw-away shadow database
// `prisma_migrate_shadow_db_<uuid>` created and dropped on the same server (role needs CREATEDB).
// `deploy`, `status`, `resolve` and `reset` only touch the database of datasource.url.

import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { randomUUID } from 'node:crypto'

const require = createRequire(import.meta.url)
const { loadConfigFromFile } = require('@prisma/config')
const { PrismaPg } = require('@prisma/adapter-pg')
const { bindMigrationAwareSqlAdapterFactory } = require('@prisma/driver-adapter-utils')
const pg = require('pg')
// The URL parser node-postgres itself uses (a dependency of `pg`).
const { parse: parseConnectionString } = createRequire(require.resolve('pg'))('pg-connection-string')

const PG_CHAR_OID = 18 // the internal one-byte `"char"` type used by pg_catalog (relkind, contype, ...)
const PG_TEXT_OID = 25

function fail(msg, code = 1) {
  console.error(`Error: ${msg}`)
  process.exit(code)
}

async function loadPrismaConfig() {
  const { config, error, resolvedPath } = await loadConfigFromFile({})
  if (error) fail(`could not load prisma.config.ts (${error._tag}): ${error.error?.message ?? ''}`)
  const baseDir = resolvedPath ? path.dirname(resolvedPath) : process.cwd()
  const schemaPath = path.resolve(baseDir, config.schema ?? 'prisma/schema.prisma')
  const migrationsDir = path.resolve(
    baseDir,
    config.migrations?.path ?? path.join(path.dirname(schemaPath), 'migrations'),
  )
  const url = config.datasource?.url
  if (!url) fail('no datasource.url in prisma.config.ts')
  return {
    schemaPath,
    migrationsDir,
    url,
    shadowDbInitScript: config.migrations?.initShadowDb ?? '',
    filters: { externalTables: config.tables?.external ?? [], externalEnums: config.enums?.external ?? [] },
  }
}

function loadSchemaFiles(schemaPath) {
  // `schema` may be one file or a folder of *.prisma files (multi-file schema).
  const files = fs.statSync(schemaPath).isDirectory()
    ? fs
        .readdirSync(schemaPath, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.prisma'))
        .sort()
        .map((f) => path.join(schemaPath, f))
    : [schemaPath]
  return files.map((p) => ({ path: p, content: fs.readFileSync(p, 'utf8') }))
}

// The `MigrationList` the Prisma CLI hands to the engine (same fields, same sort order).
function listMigrations(migrationsDir, shadowDbInitScript) {
  const read = (p) => {
    try {
      return fs.readFileSync(p, 'utf8')
    } catch {
      return null
    }
  }
  let entries = []
  try {
    entries = fs.readdirSync(migrationsDir, { withFileTypes: true })
  } catch {
    // no migrations folder yet: an empty history
  }
  const migrationDirectories = entries
    .filter((e) => e.isDirectory())
    .map((e) => {
      const sql = read(path.join(migrationsDir, e.name, 'migration.sql'))
      return {
        path: e.name,
        migrationFile: {
          path: 'migration.sql',
          content: sql === null ? { tag: 'error', value: 'migration.sql not found' } : { tag: 'ok', value: sql },
        },
      }
    })
    .sort((a, b) => a.path.localeCompare(b.path))
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: read(path.join(migrationsDir, 'migration_lock.toml')) },
    migrationDirectories,
    shadowDbInitScript,
  }
}

// adapter-pg is built for Prisma Client; two of its behaviours do not fit the schema engine:
//  1. queryRaw rejects columns of type "char" (OID 18), which the engine's catalog queries read
//     (error: "Column type 'char' could not be deserialized from the database"). Read them as text.
//  2. executeScript splits the script on every ';' and runs the pieces one by one, which breaks
//     PL/pgSQL bodies, string literals with ';', and atomicity. Send the whole migration script as
//     one simple-protocol query, as the native schema engine does.
function adaptForSchemaEngine(adapter) {
  if (typeof adapter.performIO !== 'function' || typeof adapter.underlyingDriver !== 'function') {
    throw new Error('@prisma/adapter-pg internals changed: re-check scripts/prisma-wasm-migrate.mjs')
  }
  const performIO = adapter.performIO.bind(adapter)
  adapter.performIO = async (query) => {
    const result = await performIO(query)
    for (const field of result.fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID
    return result
  }
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script)
    } catch (e) {
      adapter.onError(e) // rethrows as a DriverAdapterError the engine understands
    }
  }
  return adapter
}

function migrationAdapterFactory(url) {
  // Discrete connection fields rather than { connectionString }: in node-postgres a
  // connectionString overrides a `database` field, so no derived config could retarget it.
  const config = parseConnectionString(url)
  const main = new PrismaPg(config)
  const opened = []
  const track = (adapter) => (opened.push(adapter), adaptForSchemaEngine(adapter))
  const adminQuery = async (sql) => {
    const client = new pg.Client(config)
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => track(await main.connect()),
    // A throw-away database, like the native engine's temporary shadow database. (adapter-pg's
    // own connectToShadowDb() is not used: it drops the database while its pool is still open.)
    connectToShadowDb: async () => {
      const name = `prisma_migrate_shadow_db_${randomUUID()}`
      await adminQuery(`CREATE DATABASE "${name}"`)
      const adapter = await new PrismaPg({ ...config, database: name }).connect()
      const closePool = adapter.dispose.bind(adapter)
      let dropped = false
      adapter.dispose = async () => {
        if (dropped) return
        dropped = true
        await closePool()
        await adminQuery(`DROP DATABASE IF EXISTS "${name}"`)
      }
      return track(adapter)
    },
  })
  // engine.free() does not close what it opened; close pools and drop shadow databases.
  factory.closeAll = () => Promise.allSettled(opened.map((a) => a.dispose()))
  return factory
}

// Like the native engine in `migrate dev|deploy|reset`: create the database if it does not exist
// yet. When that fails, say what failed (which database, which step, PostgreSQL's reason): a
// missing database on a server that answers is not a server to start.
async function ensureDatabase(url) {
  const config = parseConnectionString(url)
  const probe = new pg.Client(config)
  try {
    await probe.connect()
    return
  } catch (e) {
    // 3D000 = invalid_catalog_name (database does not exist); other SQLSTATEs: the server answered.
    if (e.code !== '3D000') throw e.code?.length === 5 ? e : new Error(`PostgreSQL at ${redact(url)} cannot be reached: ${e.message}`)
  } finally {
    await probe.end().catch(() => {})
  }
  const name = config.database
  const cannot = (reason) => new Error(`database ${name} does not exist and could not be created: ${reason}`)
  const admin = new pg.Client({ ...config, database: 'postgres' })
  try {
    await admin.connect()
  } catch (e) {
    await admin.end().catch(() => {})
    throw cannot(`connecting to the maintenance database postgres as ${config.user ?? 'the default user'} failed: ${e.message}`)
  }
  try {
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`)
    console.log(`Created database ${name}`)
  } catch (e) {
    // 42P04 = duplicate_database: another process created it meanwhile.
    if (e.code !== '42P04') {
      const hint = e.code === '42501' ? ` (the role ${config.user ?? ''} lacks CREATEDB: create the database as a role that may, e.g. createdb -O ${config.user ?? '<user>'} ${name}, or grant it CREATEDB)` : ''
      throw cannot(`${e.message}${hint}`)
    }
  } finally {
    await admin.end().catch(() => {})
  }
}

async function loadWasmRuntime() {
  // Built with wasm-bindgen `--target bundler`: Node needs the module wired by hand.
  const runtime = await import('@prisma/schema-engine-wasm/schema_engine_bg')
  const wasmFile = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm')
  const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmFile)), {
    './schema_engine_bg.js': runtime,
  })
  runtime.__wbg_set_wasm(instance.exports)
  instance.exports.__wbindgen_start()
  return runtime
}

// JS errors thrown inside the adapter cross the Wasm boundary as { kind: 'GenericJs', id }.
function unwrapError(factory, e) {
  const cause = e?.cause ?? e
  if (cause?.kind === 'GenericJs' && typeof cause.id === 'number') {
    return factory.errorRegistry.consumeError(cause.id)?.error ?? e
  }
  return e
}

const redact = (url) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
const flag = (args, name) => args.includes(name)
const option = (args, name) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

async function main() {
  const [command, ...args] = process.argv.slice(2)
  if (!command || command === '--help' || command === '-h') {
    console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 20).join('\n'))
    return
  }
  const cfg = await loadPrismaConfig()
  const schemaFiles = loadSchemaFiles(cfg.schemaPath)
  const migrations = () => listMigrations(cfg.migrationsDir, cfg.shadowDbInitScript)
  if (['dev', 'deploy', 'reset'].includes(command)) await ensureDatabase(cfg.url)
  const runtime = await loadWasmRuntime()
  const factory = migrationAdapterFactory(cfg.url)
  const log = (line) => process.env.DEBUG_SCHEMA_ENGINE && console.error(`[schema-engine] ${line}`)
  let engine
  try {
    engine = await runtime.SchemaEngine.new({ datamodels: schemaFiles.map((f) => [f.path, f.content]) }, log, factory)
  } catch (e) {
    throw unwrapError(factory, e)
  }
  // Call engine methods on the instance (wasm-bindgen methods lose `this` when detached).
  const call = async (method, input) => {
    try {
      return await engine[method](input)
    } catch (e) {
      throw unwrapError(factory, e)
    }
  }
  console.error(`Schema engine (wasm) ${runtime.version()} -> ${redact(cfg.url)}`)
  const filters = cfg.filters

  try {
    switch (command) {
      case 'deploy': {
        const { appliedMigrationNames: applied } = await call('applyMigrations', { migrationsList: migrations(), filters })
        console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'No pending migrations to apply.')
        break
      }
      case 'status': {
        const out = await call('diagnoseMigrationHistory', { migrationsList: migrations(), optInToShadowDatabase: false, filters })
        const list = migrations().migrationDirectories.length
        console.log(`${list} migration(s) found in ${path.relative(process.cwd(), cfg.migrationsDir)}`)
        if (out.failedMigrationNames.length) console.log(`Failed migrations: ${out.failedMigrationNames.join(', ')}`)
        if (out.editedMigrationNames.length) console.log(`Edited after apply: ${out.editedMigrationNames.join(', ')}`)
        const h = out.history
        if (!h) console.log('Database schema is up to date!')
        else if (h.diagnostic === 'databaseIsBehind') console.log(`Not yet applied: ${h.unappliedMigrationNames.join(', ')}`)
        else console.log(JSON.stringify(h, null, 2))
        if (h || out.failedMigrationNames.length || out.editedMigrationNames.length) process.exitCode = 1
        break
      }
      case 'dev': {
        // Same sequence as `prisma migrate dev` in the 7.x CLI.
        const name = option(args, '--name') ?? ''
        const createOnly = flag(args, '--create-only')
        const diag = await call('devDiagnostic', { migrationsList: migrations(), filters })
        if (diag.action.tag === 'reset') {
          console.error(`${diag.action.reason}\nThe development database must be reset (\`reset --force\`). All data will be lost.`)
          process.exitCode = 130
          break
        }
        const before = await call('applyMigrations', { migrationsList: migrations(), filters })
        if (before.appliedMigrationNames.length) console.log(`Applied pending: ${before.appliedMigrationNames.join(', ')}`)
        const loss = await call('evaluateDataLoss', { migrationsList: migrations(), schema: { files: schemaFiles }, filters })
        if (loss.unexecutableSteps.length) throw new Error(loss.unexecutableSteps.map((s) => s.message).join('\n'))
        if (loss.warnings.length && !flag(args, '--accept-data-loss')) {
          throw new Error(`data loss warnings (re-run with --accept-data-loss):\n  ${loss.warnings.map((w) => w.message).join('\n  ')}`)
        }
        if (loss.migrationSteps === 0 && !createOnly) {
          console.log('Already in sync, no schema change or pending migration was found.')
          break
        }
        if (!name) throw new Error('a migration name is required: --name <name>')
        const out = await call('createMigration', {
          migrationName: name,
          draft: createOnly,
          migrationsList: migrations(),
          schema: { files: schemaFiles },
          filters,
        })
        if (out.migrationScript === null) {
          console.log('No schema change: no migration created.')
          break
        }
        const dir = path.join(cfg.migrationsDir, out.generatedMigrationName)
        if (fs.existsSync(dir)) throw new Error(`migration directory already exists: ${dir}`)
        fs.mkdirSync(dir, { recursive: true })
        fs.writeFileSync(path.join(dir, `migration.${out.extension}`), out.migrationScript, 'utf8')
        fs.writeFileSync(
          path.join(cfg.migrationsDir, 'migration_lock.toml'),
          `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${out.connectorType}"\n`,
          'utf8',
        )
        console.log(`Created ${path.relative(process.cwd(), dir)}/migration.${out.extension}`)
        if (!createOnly) {
          const after = await call('applyMigrations', { migrationsList: migrations(), filters })
          console.log(`Applied: ${after.appliedMigrationNames.join(', ')}`)
        }
        break
      }
      case 'diff':
      case 'check': {
        const list = migrations()
        const out = await call('diff', {
          from: list.migrationDirectories.length ? { tag: 'migrations', ...list } : { tag: 'empty' },
          to: { tag: 'schemaDatamodel', files: schemaFiles },
          script: command === 'diff',
          exitCode: true,
          filters,
        })
        if (out.stdout) process.stdout.write(out.stdout)
        if (command === 'check') {
          console.log(
            out.exitCode === 0
              ? 'OK: the migrations folder matches schema.prisma.'
              : 'Drift: schema.prisma has changes that no migration contains.',
          )
        }
        process.exitCode = out.exitCode
        break
      }
      case 'resolve': {
        // = prisma migrate resolve --rolled-back <name> | --applied <name>
        const rolledBack = option(args, '--rolled-back')
        const applied = option(args, '--applied')
        if (rolledBack) await call('markMigrationRolledBack', { migrationName: rolledBack })
        else if (applied) await call('markMigrationApplied', { migrationName: applied, migrationsList: migrations() })
        else throw new Error('usage: resolve --rolled-back <name> | --applied <name>')
        console.log(`Migration ${rolledBack ?? applied} marked as ${rolledBack ? 'rolled back' : 'applied'}.`)
        break
      }
      case 'reset': {
        if (!flag(args, '--force')) throw new Error('reset drops every table in the database; pass --force')
        await call('reset', { filter: filters })
        const { appliedMigrationNames: applied } = await call('applyMigrations', { migrationsList: migrations(), filters })
        console.log(`Database reset, ${applied.length} migration(s) applied.`)
        break
      }
      default:
        throw new Error(`unknown command: ${command}`)
    }
  } finally {
    engine.free()
    await factory.closeAll()
  }
}

main().then(
  // The engine leaves a 60 s timer armed after some commands; do not wait for it.
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(process.env.DEBUG_SCHEMA_ENGINE ? e : `Error: ${e?.message ?? e}`)
    process.exit(1)
  },
)
