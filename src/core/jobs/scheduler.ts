import { hostname } from 'node:os'
import { Ctx } from '../ctx.js'
import { randomToken } from '../db/ids.js'
import type { JobDefinition } from '../module.js'
import type { Services } from '../services.js'

const OWNER = `${hostname()}:${process.pid}:${randomToken(4)}`

/**
 * Runs background jobs on intervals. A lease row per job in `job_locks` keeps several instances
 * from running the same job at the same time.
 */
export class Scheduler {
  private timers: NodeJS.Timeout[] = []
  private running = new Set<Promise<void>>()
  private stopped = false

  constructor(
    private readonly services: Services,
    private readonly jobs: { module: string; job: JobDefinition }[],
  ) {}

  start(): void {
    for (const { module, job } of this.jobs) {
      const tick = () => {
        if (this.stopped || !this.services.isEnabled(module)) return
        const p = this.runOnce(job)
          .then(() => undefined)
          .finally(() => this.running.delete(p))
        this.running.add(p)
      }
      this.timers.push(setInterval(tick, job.everySeconds * 1000))
      setTimeout(tick, 1000).unref()
    }
  }

  async runOnce(job: JobDefinition): Promise<boolean> {
    const db = this.services.db.kysely
    const now = new Date()
    const until = new Date(now.getTime() + Math.max(job.everySeconds, 60) * 1000).toISOString()
    await db
      .insertInto('job_locks')
      .values({ name: job.name, owner: '', locked_until: now.toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute()
    const lease = await db
      .updateTable('job_locks')
      .set({ owner: OWNER, locked_until: until })
      .where('name', '=', job.name)
      .where((eb) => eb.or([eb('locked_until', '<=', now.toISOString()), eb('owner', '=', OWNER)]))
      .executeTakeFirst()
    if (Number(lease.numUpdatedRows) !== 1) return false
    try {
      await job.run(Ctx.system(this.services, `job ${job.name}`))
    } catch (err) {
      this.services.log.error({ err, job: job.name }, 'job failed')
    } finally {
      await db
        .updateTable('job_locks')
        .set({ locked_until: new Date().toISOString() })
        .where('name', '=', job.name)
        .where('owner', '=', OWNER)
        .execute()
        .catch(() => undefined)
    }
    return true
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const t of this.timers) clearInterval(t)
    await Promise.allSettled([...this.running])
  }
}
