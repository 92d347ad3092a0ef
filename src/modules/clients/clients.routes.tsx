import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { setFlash } from '../../core/http/flash.js'
import { formData, formList } from '../../core/http/forms.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { pageContext } from '../../core/ui/page-context.js'
import { parseBankAccounts } from './bank-accounts.js'
import { exportClientsCsv, exportClientsXlsx } from './client-export.js'
import { clientImportRoutes } from './client-import.routes.js'
import {
  type ClientInput,
  clientInputFromForm,
  clientInputFromRow,
  emptyClientInput,
  splitTags,
} from './client-input.js'
import { moduleClientColumns } from './client-list-columns.js'
import { mergedTimeline } from './client-timeline.js'
import { listClientUsers, setClientUserRights } from './client-users.service.js'
import {
  CLIENT_LIST_SPEC,
  type ClientListFilters,
  contactPersonsOf,
  listGroups,
  listManagers,
  managerHistoryOf,
} from './clients.queries.js'
import {
  createClient,
  getClient,
  listClients,
  reassignClient,
  setSupportVisibility,
  updateClient,
} from './clients.service.js'
import { companyRoutes } from './company.routes.js'
import { contactPersonsRoutes } from './contact-persons.routes.js'
import { fieldsOf } from './field-errors.js'
import { ClientCardPage, type ClientCardProps } from './views/client-card-page.js'
import { ClientFormPage } from './views/client-form-page.js'
import { ClientListPage } from './views/client-list-page.js'

const TIMELINE_PAGE = 20
const READ = { access: { permission: 'clients.read' } } as const
const MANAGE = { access: { permission: 'clients.manage' } } as const

const filtersOf = (params: Record<string, string>): ClientListFilters => ({
  q: params.q,
  status: params.status,
  group: params.group,
  manager: params.manager,
})

type CardExtra = Partial<Pick<ClientCardProps, 'reassignErrors' | 'reassignValues'>>

async function renderCard(req: FastifyRequest, reply: FastifyReply, id: string, extra: CardExtra = {}) {
  const ctx = req.ctx
  const client = await getClient(ctx, id)
  const rawBefore = (req.query as { before?: string }).before ?? ''
  const before = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(rawBefore) ? rawBefore : undefined
  const [contacts, users, history, timeline, managers] = await Promise.all([
    contactPersonsOf(ctx, id),
    listClientUsers(ctx, id),
    managerHistoryOf(ctx, id),
    mergedTimeline(ctx, id, { before, limit: TIMELINE_PAGE }),
    ctx.can('clients.reassign') ? listManagers(ctx) : Promise.resolve(null),
  ])
  const pc = await pageContext(req, reply)
  return (
    <ClientCardPage
      pc={pc}
      client={client}
      bankAccounts={parseBankAccounts(client.bank_accounts)}
      tags={splitTags(client.tags)}
      contacts={contacts}
      users={users}
      history={history}
      timeline={{ ...timeline, paged: Boolean(before) }}
      canManage={ctx.can('clients.manage')}
      managers={managers}
      {...extra}
    />
  )
}

async function renderForm(
  req: FastifyRequest,
  reply: FastifyReply,
  p: {
    clientId: string | null
    title: string
    input: ClientInput
    managerId?: string
    errors?: Record<string, string>
    extraRows?: number
  },
) {
  const ctx = req.ctx
  const [groups, managers] = await Promise.all([
    listGroups(ctx),
    !p.clientId && ctx.can('clients.reassign') ? listManagers(ctx) : Promise.resolve(null),
  ])
  return <ClientFormPage pc={await pageContext(req, reply)} groups={groups} managers={managers} {...p} />
}

const today = () => new Date().toISOString().slice(0, 10)

/** Staff pages under /clients: list, export, card, create/edit, reassignment, client users' rights. */
async function clientPages(app: FastifyInstance) {
  app.get('/', { config: READ }, async (req, reply) => {
    const lq = parseListQuery(req.query, CLIENT_LIST_SPEC)
    const ctx = req.ctx
    const [page, groups, managers] = await Promise.all([
      listClients(ctx, lq, filtersOf(lq.params)),
      listGroups(ctx),
      ctx.db.scope.kind === 'all' ? listManagers(ctx) : Promise.resolve([]),
    ])
    const pc = await pageContext(req, reply)
    return reply.html(
      <ClientListPage
        pc={pc}
        lq={lq}
        page={page}
        moduleColumns={await moduleClientColumns(ctx, pc, page.rows)}
        groups={groups}
        managers={managers}
        canManage={ctx.can('clients.manage')}
      />,
    )
  })

  app.get('/export.csv', { config: READ }, async (req, reply) => {
    const lq = parseListQuery(req.query, CLIENT_LIST_SPEC)
    const stream = exportClientsCsv(req.ctx, lq, filtersOf(lq.params))
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="clients-${today()}.csv"`)
      .header('cache-control', 'no-store')
      .send(stream)
  })

  app.get('/export.xlsx', { config: READ }, async (req, reply) => {
    const lq = parseListQuery(req.query, CLIENT_LIST_SPEC)
    const stream = exportClientsXlsx(req.ctx, lq, filtersOf(lq.params))
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="clients-${today()}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(stream)
  })

  app.get('/new', { config: MANAGE }, async (req, reply) =>
    reply.html(
      await renderForm(req, reply, { clientId: null, title: req.t('clients.new'), input: emptyClientInput() }),
    ),
  )

  app.post('/', { config: MANAGE }, async (req, reply) => {
    const form = formData(req.body)
    const input = clientInputFromForm(form)
    const base = { clientId: null, title: req.t('clients.new'), input, managerId: form.manager_id ?? '' }
    if (form.add_bank_row) return reply.html(await renderForm(req, reply, { ...base, extraRows: 1 }))
    let id: string
    try {
      ;({ id } = await createClient(req.ctx, input, form.manager_id || null))
    } catch (err) {
      return reply.status(422).html(await renderForm(req, reply, { ...base, errors: fieldsOf(err) }))
    }
    setFlash(reply, 'success', req.t('clients.created', { name: input.name.trim() }))
    return reply.redirect(`/clients/${id}`, 303)
  })

  app.get('/:id', { config: READ }, async (req, reply) => {
    const { id } = req.params as { id: string }
    return reply.html(await renderCard(req, reply, id))
  })

  app.get('/:id/edit', { config: MANAGE }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const client = await getClient(req.ctx, id)
    return reply.html(
      await renderForm(req, reply, {
        clientId: id,
        title: req.t('clients.edit_title', { name: client.name }),
        input: clientInputFromRow(client),
      }),
    )
  })

  app.post('/:id', { config: MANAGE }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const client = await getClient(req.ctx, id)
    const form = formData(req.body)
    const input = clientInputFromForm(form)
    const base = { clientId: id, title: req.t('clients.edit_title', { name: client.name }), input }
    if (form.add_bank_row) return reply.html(await renderForm(req, reply, { ...base, extraRows: 1 }))
    try {
      await updateClient(req.ctx, id, input)
    } catch (err) {
      return reply.status(422).html(await renderForm(req, reply, { ...base, errors: fieldsOf(err) }))
    }
    setFlash(reply, 'success', req.t('clients.saved', { name: input.name.trim() }))
    return reply.redirect(`/clients/${id}`, 303)
  })

  app.post('/:id/reassign', { config: { access: { permission: 'clients.reassign' } } }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const form = formData(req.body)
    const values = { managerId: form.manager_id ?? '', comment: form.comment ?? '' }
    try {
      await reassignClient(req.ctx, id, values.managerId, values.comment)
    } catch (err) {
      return reply
        .status(422)
        .html(await renderCard(req, reply, id, { reassignErrors: fieldsOf(err), reassignValues: values }))
    }
    setFlash(reply, 'success', req.t('clients.reassigned'))
    return reply.redirect(`/clients/${id}`, 303)
  })

  app.post('/:id/support-visibility', { config: MANAGE }, async (req, reply) => {
    const { id } = req.params as { id: string }
    await getClient(req.ctx, id)
    await setSupportVisibility(req.ctx, id, formData(req.body).support_visibility ?? '')
    setFlash(reply, 'success', req.t('form.saved'))
    return reply.redirect(`/clients/${id}`, 303)
  })

  app.post('/:id/users/:userId', { config: MANAGE }, async (req, reply) => {
    const { id, userId } = req.params as { id: string; userId: string }
    const form = formData(req.body)
    const { name } = await setClientUserRights(req.ctx, id, userId, {
      areas: formList(req.body, 'areas'),
      isClientAdmin: form.is_client_admin === '1',
    })
    setFlash(reply, 'success', req.t('clients.users.saved', { name }))
    return reply.redirect(`/clients/${id}`, 303)
  })

  await app.register(contactPersonsRoutes, { prefix: '/:id/contacts' })
}

/** The module's pages: /clients for staff (list, import, card) and /company for client users. */
export async function clientsPages(app: FastifyInstance) {
  // Registered before the card routes so /clients/import is never read as a client id.
  await app.register(clientImportRoutes, { prefix: '/clients/import' })
  await app.register(clientPages, { prefix: '/clients' })
  await app.register(companyRoutes, { prefix: '/company' })
}
