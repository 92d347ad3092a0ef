import fs from 'node:fs'
import path from 'node:path'

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

export interface AppConfig {
  readonly databaseUrl: string
  readonly dataDir: string
  readonly port: number
  readonly host: string
  readonly baseUrl: string
  readonly secret: string
  readonly smtpUrl: string | null
  readonly mailFrom: string
  readonly logLevel: LogLevel
  readonly sessionIdleMinutes: number
  readonly sessionMaxDays: number
  readonly maxUploadBytes: number
  readonly trustProxy: boolean
  /** Modules switched off by configuration; admin settings may switch off more. */
  readonly disabledModules: readonly string[]
  readonly jobs: boolean
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`)
  }
}

type Env = Record<string, string | undefined>

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`)
  const value = Number(raw)
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`)
  return value
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return null
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ConfigError(name, `is not a valid URL: "${raw}"`)
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${raw}"`)
  }
  return raw.trim()
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`)
}

/** Reads and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const dataDir = path.resolve(env.KABINET_DATA_DIR?.trim() || './data')
  const port = integer(env, 'KABINET_PORT', 3000, 0, 65535)
  const host = env.KABINET_HOST?.trim() || '0.0.0.0'

  const dbRaw = env.KABINET_DATABASE_URL?.trim()
  let databaseUrl: string
  if (!dbRaw) databaseUrl = `sqlite:${path.join(dataDir, 'kabinet.sqlite')}`
  else if (dbRaw.startsWith('sqlite:')) {
    if (dbRaw.length <= 'sqlite:'.length) throw new ConfigError('KABINET_DATABASE_URL', 'sqlite: needs a file path')
    databaseUrl = dbRaw
  } else databaseUrl = url(env, 'KABINET_DATABASE_URL', ['postgres:', 'postgresql:']) as string

  const baseUrl = (url(env, 'KABINET_BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/+$/, '')

  const secret = env.KABINET_SECRET?.trim() || ''
  if (secret && secret.length < 32) throw new ConfigError('KABINET_SECRET', 'must be at least 32 characters long')

  const smtpUrl = url(env, 'KABINET_SMTP_URL', ['smtp:', 'smtps:'])
  const mailFrom = env.KABINET_MAIL_FROM?.trim() || `Kabinet <no-reply@${new URL(baseUrl).hostname}>`
  if (!/@/.test(mailFrom))
    throw new ConfigError('KABINET_MAIL_FROM', `must contain an e-mail address, got "${mailFrom}"`)

  const logLevel = (env.KABINET_LOG_LEVEL?.trim() || 'info') as LogLevel
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('KABINET_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`)
  }

  const disabledModules = (env.KABINET_DISABLED_MODULES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const name of disabledModules) {
    if (!/^[a-z][a-z0-9-]*$/.test(name))
      throw new ConfigError('KABINET_DISABLED_MODULES', `"${name}" is not a module name`)
  }

  return Object.freeze({
    databaseUrl,
    dataDir,
    port,
    host,
    baseUrl,
    secret: secret || loadOrCreateSecret(dataDir),
    smtpUrl,
    mailFrom,
    logLevel,
    sessionIdleMinutes: integer(env, 'KABINET_SESSION_IDLE_MINUTES', 120, 5, 60 * 24 * 30),
    sessionMaxDays: integer(env, 'KABINET_SESSION_MAX_DAYS', 14, 1, 365),
    maxUploadBytes: integer(env, 'KABINET_MAX_UPLOAD_MB', 20, 1, 2048) * 1024 * 1024,
    trustProxy: boolean(env, 'KABINET_TRUST_PROXY', false),
    disabledModules: Object.freeze(disabledModules),
    jobs: boolean(env, 'KABINET_JOBS', true),
  })
}

/**
 * Without KABINET_SECRET a random one is kept in the data directory, so a single instance works out
 * of the box and cookies survive restarts; several instances must share an explicit secret.
 */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret')
  try {
    const existing = fs.readFileSync(file, 'utf8').trim()
    if (existing.length >= 32) return existing
  } catch {
    // first start: created below
  }
  fs.mkdirSync(dataDir, { recursive: true })
  const created = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')
  fs.writeFileSync(file, `${created}\n`, { mode: 0o600 })
  return created
}

/** Loads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(file = '.env'): void {
  if (!fs.existsSync(file)) return
  const parsed = parseDotEnv(fs.readFileSync(file, 'utf8'))
  for (const [key, value] of Object.entries(parsed)) {
    if (process.env[key] === undefined) process.env[key] = value
  }
}

export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line)
    if (!m) continue
    let value = (m[2] ?? '').trim()
    const quote = value[0]
    const end = quote === '"' || quote === "'" ? value.indexOf(quote, 1) : -1
    // Quoted: exactly what is inside (spaces and # too); a comment after the closing quote is dropped.
    if (end > 0) value = value.slice(1, end)
    else value = value.replace(/\s+#.*$/, '').trim()
    out[m[1] as string] = value
  }
  return out
}
