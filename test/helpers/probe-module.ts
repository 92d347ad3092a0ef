import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Ctx } from '../../src/core/ctx.js'
import { RuleError } from '../../src/core/errors.js'
import { formData } from '../../src/core/http/forms.js'
import { defineModule } from '../../src/core/module.js'
import type { Services } from '../../src/core/services.js'

export const PROBE_ACTION = 'probe.noted'

/** The one change a probe request makes: an audit row, so a test can count what was written. */
async function note(ctx: Ctx, text: string): Promise<void> {
  await ctx.transaction(async (tx) => {
    await tx.audit(PROBE_ACTION, { entity: 'probe', after: { text: text.slice(0, 50) } })
  })
}

/**
 * A tiny module that only tests mount: a form page and a JSON endpoint that each write one audit
 * row, so the plumbing (CSRF, body limits, content types) can be proven on real state changes.
 */
export const probeModule = defineModule({
  name: 'probe',
  pages: async (app: FastifyInstance) => {
    app.post('/notes', { config: { access: 'signed-in' } }, async (req, reply) => {
      await note(req.ctx, formData(req.body).text ?? '')
      return reply.redirect('/', 303)
    })
    app.post('/refuse', { config: { access: 'signed-in' } }, async () => {
      throw new RuleError('probe.refused', 'error.forbidden')
    })
  },
  api: async (app: FastifyInstance) => {
    app.post(
      '/notes',
      {
        config: { access: 'signed-in' },
        schema: { body: Type.Object({ text: Type.String({ maxLength: 2_000_000 }) }) },
      },
      async (req) => {
        await note(req.ctx, (req.body as { text: string }).text)
        return { ok: true }
      },
    )
  },
})

/** How many probe notes were written (all actors). */
export async function probeNotes(services: Services): Promise<number> {
  const row = await services.db.kysely
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', PROBE_ACTION)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
