// `kabinet import bank FILE...`: with --dry-run prints the parser contract (formats.md §0.5) for
// each file and touches no database; without it, imports each file (bank-import.cli.ts) and prints
// the summary of docs/bank-import.md.
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { ConfigError, loadConfig, loadDotEnv } from '../../config.js'
import { validateCsvMapping } from './parse/csv.js'
import { type CsvMapping, type ParseResult, parseStatement } from './parse/index.js'

interface BankImportCliOptions {
  dryRun?: boolean
  csvMapping?: string
}

function die(message: string, code = 2): never {
  process.stderr.write(`kabinet: ${message}\n`)
  process.exit(code)
}

export function readCsvMapping(file: string): CsvMapping {
  let mapping: CsvMapping
  try {
    mapping = JSON.parse(readFileSync(file, 'utf8')) as CsvMapping
  } catch (err) {
    die(`cannot read the CSV mapping ${file}: ${err instanceof Error ? err.message : String(err)}`)
  }
  if (!mapping || typeof mapping !== 'object') die(`CSV mapping ${file} must be a JSON object`)
  const problems = validateCsvMapping(mapping)
  if (problems.length) die(`CSV mapping ${file}: ${problems.join('; ')}`)
  return mapping
}

/** Parses files without storing anything; unreadable files become `malformed` results so the
 *  output array stays aligned with the arguments. */
export function dryRunFiles(files: string[], csv?: CsvMapping): ParseResult[] {
  return files.map((file) => {
    let bytes: Buffer
    try {
      bytes = readFileSync(file)
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      return {
        format: csv ? 'csv' : 'unknown',
        error: 'malformed',
        meta: { file, message: `cannot read ${file}: ${reason}` },
        transactions: [],
      }
    }
    const result = parseStatement(bytes, csv ? { csv } : {})
    result.meta.file = file
    return result
  })
}

export function registerBankCli(program: Command): void {
  const importCmd =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('import data from files')
  importCmd
    .command('bank')
    .description(
      'import bank statements (1CClientBankExchange, camt.052/053/054, MT940, CommerceML, CSV with a mapping)',
    )
    .argument('<files...>', 'statement files')
    .option('--dry-run', 'parse only: print the parse result as JSON, store nothing')
    .option('--csv-mapping <json-file>', 'column mapping for CSV statements (see docs/bank-formats.md)')
    .action(async (files: string[], opts: BankImportCliOptions) => {
      const csv = opts.csvMapping ? readCsvMapping(opts.csvMapping) : undefined
      if (opts.dryRun) {
        const results = dryRunFiles(files, csv)
        const out = results.length === 1 ? results[0] : results
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
        process.exitCode = results.some((r) => r.error) ? 1 : 0
        return
      }
      loadDotEnv()
      let config: ReturnType<typeof loadConfig>
      try {
        config = loadConfig()
      } catch (err) {
        if (err instanceof ConfigError) die(`invalid configuration: ${err.message}`)
        throw err
      }
      // Loaded only here, so --dry-run never pulls in database code.
      const { runBankImport } = await import('./bank-import.cli.js')
      const { output, exitCode } = await runBankImport(files, { csvMapping: csv, config })
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`)
      process.exitCode = exitCode
    })
}
