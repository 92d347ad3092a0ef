// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per package, so
// docs/performance.md can say what dominates. `node --import tsx bench/profile-summary.ts FILE [top]`
import fs from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
  children?: number[]
}

export interface ProfileSummary {
  totalMs: number
  functions: { name: string; where: string; selfMs: number; share: number }[]
  packages: { name: string; selfMs: number; share: number }[]
}

/** Where a frame's code lives: a package of node_modules, Kabinet's own source, Node itself. */
function packageOf(url: string, name: string): string {
  if (!url) return name === '(garbage collector)' ? 'GC' : name.startsWith('(') ? name : 'native'
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (nm) return nm[1] as string
  if (url.startsWith('node:')) return 'node core'
  const src = /\/src\/((?:modules\/[^/]+)|core\/[^/]+|[^/]+)/.exec(url)
  if (src) return `kabinet ${src[1]}`
  return url
}

export function summariseProfile(file: string, top = 20): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[]
    startTime: number
    endTime: number
    samples: number[]
    timeDeltas: number[]
  }
  const perSample = (p.endTime - p.startTime) / 1000 / Math.max(1, p.samples.length)
  // --cpu-prof leaves hitCount out; the samples list which node was on the CPU at each tick.
  const sampleHits = new Map<number, number>()
  for (const id of p.samples) sampleHits.set(id, (sampleHits.get(id) ?? 0) + 1)
  const byFn = new Map<string, { name: string; where: string; hits: number }>()
  const byPkg = new Map<string, number>()
  let hits = 0
  for (const n of p.nodes) {
    const h = sampleHits.get(n.id) ?? n.hitCount ?? 0
    if (!h) continue
    const name = n.callFrame.functionName || '(anonymous)'
    if (name === '(idle)' || name === '(program)') continue
    hits += h
    const url = n.callFrame.url.replace(/^file:\/\//, '')
    const where = url ? `${url.replace(/^.*?\/(node_modules|src)\//, '$1/')}:${n.callFrame.lineNumber + 1}` : ''
    const key = `${name}@${where}`
    const f = byFn.get(key) ?? { name, where, hits: 0 }
    f.hits += h
    byFn.set(key, f)
    const pkg = packageOf(url, name)
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + h)
  }
  const totalMs = hits * perSample
  return {
    totalMs,
    functions: [...byFn.values()]
      .sort((a, b) => b.hits - a.hits)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: f.hits * perSample, share: f.hits / hits })),
    packages: [...byPkg.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, h]) => ({ name, selfMs: h * perSample, share: h / hits })),
  }
}

export function formatProfile(s: ProfileSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`
  return [
    `busy ${Math.round(s.totalMs)} ms (idle left out)`,
    'by package:',
    ...s.packages.map((p) => `  ${pct(p.share)}  ${p.name}`),
    'by function (self time):',
    ...s.functions.map((f) => `  ${pct(f.share)}  ${f.name}  ${f.where}`),
  ].join('\n')
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const file = process.argv[2]
  if (!file) {
    process.stderr.write('usage: node --import tsx bench/profile-summary.ts FILE.cpuprofile [top]\n')
    process.exit(2)
  }
  process.stdout.write(`${formatProfile(summariseProfile(file, Number(process.argv[3] ?? 20)))}\n`)
}
