#!/usr/bin/env node
// Runs the node:test suite through tsx. Node 20 has no glob support in `--test`, so the files are
// listed here. `node scripts/run-tests.mjs e2e` runs the browser tests instead.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const mode = process.argv[2] === 'e2e' ? 'e2e' : 'unit'
const roots = mode === 'e2e' ? ['e2e'] : ['src', 'test']
const files = []
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) walk(full)
    else if (/\.test\.tsx?$/.test(name)) files.push(full)
  }
}
for (const root of roots) {
  try {
    walk(root)
  } catch {
    // a missing root just has no tests
  }
}
files.sort()
if (files.length === 0) {
  console.error(`no test files found under ${roots.join(', ')}`)
  process.exit(1)
}
const concurrency = mode === 'e2e' ? '1' : process.env.KABINET_TEST_CONCURRENCY || '2'
const args = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files]
const res = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } })
process.exit(res.status ?? 1)
