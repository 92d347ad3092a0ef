import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src')

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name)
    if (fs.statSync(full).isDirectory()) out.push(...sourceFiles(full))
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(full)
  }
  return out
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) out.push(m[1] as string)
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1] as string)
  return out
}

const resolveImport = (file: string, spec: string) =>
  spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null

test('core never imports from modules', () => {
  const offenders: string[] = []
  for (const file of sourceFiles(path.join(src, 'core'))) {
    for (const spec of importsOf(file)) {
      const target = resolveImport(file, spec)
      if (target?.startsWith(path.join(src, 'modules') + path.sep))
        offenders.push(`${path.relative(src, file)} → ${spec}`)
    }
  }
  assert.deepEqual(offenders, [])
})

test('a module reaches another module only through its index.ts', () => {
  const modulesDir = path.join(src, 'modules')
  if (!fs.existsSync(modulesDir)) return
  const offenders: string[] = []
  for (const file of sourceFiles(modulesDir)) {
    const own = path.relative(modulesDir, file).split(path.sep)[0]
    for (const spec of importsOf(file)) {
      const target = resolveImport(file, spec)
      if (!target?.startsWith(modulesDir + path.sep)) continue
      const [other, ...rest] = path.relative(modulesDir, target).split(path.sep)
      if (other !== own && rest.join('/') !== 'index.js') offenders.push(`${path.relative(src, file)} → ${spec}`)
    }
  }
  assert.deepEqual(offenders, [])
})

test('views are pure: they import only types, core/ui, i18n formatting and other views', () => {
  const offenders: string[] = []
  for (const file of sourceFiles(src).filter((f) => f.includes(`${path.sep}views${path.sep}`))) {
    const text = fs.readFileSync(file, 'utf8')
    for (const m of text.matchAll(/import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
      const isType = Boolean(m[1])
      const spec = m[2] as string
      if (isType || !spec.startsWith('.')) continue
      const target = resolveImport(file, spec) as string
      const allowed =
        target.includes(`${path.sep}core${path.sep}ui${path.sep}`) ||
        target.includes(`${path.sep}views${path.sep}`) ||
        target.endsWith(`${path.sep}i18n${path.sep}format.js`) ||
        /\.(schema|types|constants)\.js$/.test(target)
      if (!allowed) offenders.push(`${path.relative(src, file)} → ${spec}`)
    }
  }
  assert.deepEqual(offenders, [])
})

test('raw database access (ctx.unscoped) stays out of modules’ routes and views', () => {
  const offenders: string[] = []
  for (const file of sourceFiles(src)) {
    if (!/\.(routes|api)\.tsx?$/.test(file) && !file.includes(`${path.sep}views${path.sep}`)) continue
    if (file.includes(`${path.sep}core${path.sep}`)) continue
    if (/\bunscoped\(|services\.db\.kysely/.test(fs.readFileSync(file, 'utf8')))
      offenders.push(path.relative(src, file))
  }
  assert.deepEqual(offenders, [])
})
