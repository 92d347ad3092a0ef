// Figures measured inside this process rather than over HTTP: what one password check costs, and
// (as those modules land) bank import throughput and PDF rendering.
import { hashPassword, verifyPassword } from '../src/core/auth/passwords.js'

export interface InProcessFigure {
  name: string
  what: string
  value: number
  unit: string
  detail?: string
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

/** argon2id verify with the app's parameters (19 MiB, t=2, p=1): the floor under every sign-in. */
export async function argon2Figure(runs = 15): Promise<InProcessFigure> {
  const hash = await hashPassword('kabinet-seed')
  await verifyPassword(hash, 'kabinet-seed')
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    const ok = await verifyPassword(hash, 'kabinet-seed')
    times.push(performance.now() - t0)
    if (!ok) throw new Error('argon2 verify failed')
  }
  return {
    name: 'argon2-verify',
    what: 'one argon2id password check (sign-in cost floor)',
    value: median(times),
    unit: 'ms',
    detail: `median of ${runs}, best ${Math.min(...times).toFixed(1)} ms`,
  }
}

export async function inProcessFigures(only?: string[]): Promise<InProcessFigure[]> {
  const want = (name: string) => !only || only.includes(name)
  const out: InProcessFigure[] = []
  if (want('argon2-verify')) out.push(await argon2Figure())
  return out
}
