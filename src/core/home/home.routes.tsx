import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { formatNumber } from '../i18n/format.js'
import { StatCard } from '../ui/components.js'
import { Layout } from '../ui/layout.js'
import { pageContext } from '../ui/page-context.js'

/** Counts for the core cards of the home page, inside the caller's scope. */
async function coreFigures(req: import('fastify').FastifyRequest) {
  const ctx = req.ctx
  const [clients, users] = await Promise.all([
    ctx.db
      .selectFrom('clients')
      .select(sql<number>`count(*)`.as('n'))
      .where('status', '!=', 'archived')
      .executeTakeFirst(),
    ctx.db
      .selectFrom('users')
      .select(sql<number>`count(*)`.as('n'))
      .where('status', '!=', 'disabled')
      .executeTakeFirst(),
  ])
  return { clients: Number(clients?.n ?? 0), users: Number(users?.n ?? 0) }
}

export async function homeRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'signed-in' } }, async (req, reply) => {
    const pc = await pageContext(req, reply)
    const actor = req.actor
    if (!actor) return reply.redirect('/login', 303)
    const figures = await coreFigures(req)
    const n = (v: number) => formatNumber(pc.locale, v)
    const cards =
      actor.role === 'client' ? (
        <StatCard
          label={pc.t('home.colleagues')}
          value={n(figures.users)}
          href={actor.isClientAdmin ? '/company/users' : undefined}
        />
      ) : actor.role === 'admin' ? (
        <>
          <StatCard label={pc.t('home.active_users')} value={n(figures.users)} href="/users" />
          <StatCard label={pc.t('home.clients')} value={n(figures.clients)} />
        </>
      ) : (
        <StatCard
          label={actor.role === 'manager' && !actor.allClients ? pc.t('home.my_clients') : pc.t('home.clients')}
          value={n(figures.clients)}
        />
      )
    const widgets: JSX.Element[] = []
    for (const mod of app.services.modules) {
      if (mod.dashboard && app.services.isEnabled(mod.name)) widgets.push(await mod.dashboard(req.ctx, pc))
    }
    return reply.html(
      <Layout pc={pc} title={pc.t('home.greeting', { name: actor.name })}>
        <p class="muted" safe>
          {pc.t(`home.intro.${actor.role}`)}
        </p>
        <div class="stats">{cards}</div>
        {widgets}
      </Layout>,
    )
  })
}
