import fs from 'node:fs'
import path from 'node:path'
import type { Db } from './database.js'

/** SQLite online backup: a consistent copy while the server keeps running. */
export async function backupDatabase(db: Db, file: string): Promise<{ pages: number }> {
  if (!db.sqlite) throw new Error('backup works on SQLite only')
  const target = path.resolve(file)
  if (fs.existsSync(target)) throw new Error(`${file} exists already; choose a new file name`)
  fs.mkdirSync(path.dirname(target), { recursive: true })
  const result = await db.sqlite.backup(target)
  return { pages: result.totalPages }
}
