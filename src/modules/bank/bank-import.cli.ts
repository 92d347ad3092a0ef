import { readFileSync } from 'node:fs'
import path from 'node:path'
import { allMigrations } from '../../app.js'
import type { AppConfig } from '../../config.js'
import { Ctx } from '../../core/ctx.js'
import { openDatabase } from '../../core/db/database.js'
import { migrateToLatest } from '../../core/db/migrator.js'
import { buildStandaloneServices } from '../../core/standalone-services.js'
import { type ImportSummary, importStatement } from './bank-import.service.js'
import type { CsvMapping } from './parse/types.js'

/**
 * `kabinet import bank FILE...` without --dry-run: each file imported in its own transaction as the
 * system (audited as "cli"), in argument order. One file prints one summary object, several an
 * array in the same order; the exit code is 1 when any file was refused.
 */
export async function runBankImport(
  files: string[],
  opts: { csvMapping?: CsvMapping; config: AppConfig },
): Promise<{ output: ImportSummary | ImportSummary[]; exitCode: number }> {
  const db = openDatabase(opts.config.databaseUrl)
  try {
    await migrateToLatest(db, allMigrations())
    const services = buildStandaloneServices(opts.config, db)
    const ctx = Ctx.system(services, 'cli import bank')
    const summaries: ImportSummary[] = []
    for (const file of files) {
      let bytes: Buffer
      try {
        bytes = readFileSync(file)
      } catch (err) {
        const message = `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`
        summaries.push({
          format: 'unknown',
          statements: 0,
          transactions: 0,
          new: 0,
          duplicates: 0,
          matched: 0,
          toReview: 0,
          expenses: 0,
          errors: [{ code: 'malformed', message }],
        })
        continue
      }
      const outcome = await importStatement(ctx, { name: path.basename(file), bytes, csvMapping: opts.csvMapping })
      summaries.push(outcome.summary)
    }
    return {
      output: summaries.length === 1 ? (summaries[0] as ImportSummary) : summaries,
      exitCode: summaries.some((s) => s.errors.length) ? 1 : 0,
    }
  } finally {
    await db.close()
  }
}
