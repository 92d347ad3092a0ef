import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { pageContext } from '../../core/ui/page-context.js'
import { contactCsv } from './contacts.export.js'
import { contactFiltersFrom } from './contacts.filters.js'
import { contactFormValues, contactInputFromForm, contactValuesOf, newContactValues } from './contacts.form.js'
import { CONTACT_LIST_SPEC } from './contacts.queries.js'
import type { ContactFormValues, ContactView } from './contacts.schema.js'
import {
  canDeleteContact,
  clientForList,
  companyTimeZone,
  companyToday,
  contactFormOptions,
  contactListOptions,
  deleteContact,
  getContact,
  listContacts,
  MANAGE,
  markNextStepDone,
  READ,
  recordContact,
  updateContact,
} from './contacts.service.js'
import { ContactDetailPage } from './views/contact-detail-page.js'
import { ContactFormPage } from './views/contact-form-page.js'
import { ContactListPage } from './views/contact-list-page.js'
import { PersonsFieldset } from './views/persons-fieldset.js'

const READ_ACCESS = { access: { permission: READ } }
const MANAGE_ACCESS = { access: { permission: MANAGE } }

// What an edit form offers beyond the usual: the entry's own client, employee and persons.
const keepOf = (entry: ContactView) => ({
  client: { id: entry.client_id, name: entry.client_name },
  employeeId: entry.employee_id,
  personIds: entry.persons.map((p) => p.id),
})
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id
const isHtmx = (req: FastifyRequest) => req.headers['hx-request'] === 'true'
// Only a path on this site: never an open redirect.
const safeBack = (value: string | undefined, fallback: string) =>
  value && /^\/(?![/\\])/.test(value) ? value : fallback

/** The contact log's pages under /contacts (staff only: it is internal). */
export async function contactsPages(app: FastifyInstance) {
  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: ContactFormValues,
    opts: { id?: string; errors?: Record<string, string>; keep?: Parameters<typeof contactFormOptions>[2] } = {},
  ) => {
    const options = await contactFormOptions(req.ctx, values.client_id, opts.keep)
    // Persons that are not the chosen client's (the client was changed) are dropped from the choice.
    const shown = {
      ...values,
      contact_person_ids: values.contact_person_ids.filter((p) => options.persons.some((o) => o.id === p)),
    }
    const pc = await pageContext(req, reply)
    return reply
      .status(opts.errors ? 422 : 200)
      .html(
        <ContactFormPage
          pc={pc}
          id={opts.id}
          values={opts.errors ? values : shown}
          options={options}
          errors={opts.errors}
        />,
      )
  }

  app.get('/', { config: READ_ACCESS }, async (req, reply) => {
    const lq = parseListQuery(req.query, CONTACT_LIST_SPEC)
    const filters = contactFiltersFrom(lq.params)
    const client = filters.clientId ? await clientForList(req.ctx, filters.clientId) : undefined
    const [page, options, today] = await Promise.all([
      listContacts(req.ctx, lq, filters),
      contactListOptions(req.ctx),
      companyToday(req.ctx),
    ])
    return reply.html(
      <ContactListPage
        pc={await pageContext(req, reply)}
        lq={lq}
        page={page}
        client={client}
        clients={options.clients}
        employees={options.employees}
        today={today}
        canRecord={req.ctx.can(MANAGE)}
      />,
    )
  })

  app.get('/export.csv', { config: READ_ACCESS }, async (req, reply) => {
    const lq = parseListQuery(req.query, CONTACT_LIST_SPEC)
    const filters = contactFiltersFrom(lq.params)
    if (filters.clientId) await clientForList(req.ctx, filters.clientId)
    const day = await companyToday(req.ctx)
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="contacts-${day}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(Readable.from(contactCsv(req.ctx, filters, lq)))
  })

  app.get('/new', { config: MANAGE_ACCESS }, async (req, reply) => {
    const { client } = req.query as { client?: string }
    const actor = req.actor as NonNullable<typeof req.actor>
    const values = newContactValues(client ?? '', actor.id, await companyTimeZone(req.ctx))
    return formPage(req, reply, values)
  })

  // The contact persons of the client chosen in the form (htmx swaps them in).
  app.get('/persons', { config: MANAGE_ACCESS }, async (req, reply) => {
    const { client_id: clientId = '' } = req.query as { client_id?: string }
    const options = await contactFormOptions(req.ctx, clientId)
    const pc = await pageContext(req, reply)
    const known = options.clients.some((c) => c.id === clientId)
    return reply.html(
      <PersonsFieldset pc={pc} clientId={known ? clientId : ''} persons={options.persons} selected={[]} />,
    )
  })

  app.post('/', { config: MANAGE_ACCESS }, async (req, reply) => {
    const form = formData(req.body)
    const values = contactFormValues(form, req.body)
    if (form.intent === 'reload') return formPage(req, reply, values)
    try {
      const tz = await companyTimeZone(req.ctx)
      await recordContact(req.ctx, contactInputFromForm(values, tz))
    } catch (err) {
      if (err instanceof ValidationError) return formPage(req, reply, values, { errors: err.fields })
      throw err
    }
    setFlash(reply, 'success', req.t('contacts.recorded_flash'))
    return reply.redirect(`/contacts?client=${encodeURIComponent(values.client_id)}`, 303)
  })

  app.get('/:id', { config: READ_ACCESS }, async (req, reply) => {
    const entry = await getContact(req.ctx, idOf(req))
    return reply.html(
      <ContactDetailPage
        pc={await pageContext(req, reply)}
        entry={entry}
        canEdit={req.ctx.can(MANAGE)}
        canDelete={canDeleteContact(req.ctx, entry)}
        today={await companyToday(req.ctx)}
      />,
    )
  })

  app.get('/:id/edit', { config: MANAGE_ACCESS }, async (req, reply) => {
    const entry = await getContact(req.ctx, idOf(req))
    const values = contactValuesOf(entry, await companyTimeZone(req.ctx))
    return formPage(req, reply, values, {
      id: entry.id,
      keep: keepOf(entry),
    })
  })

  app.post('/:id/edit', { config: MANAGE_ACCESS }, async (req, reply) => {
    const entry = await getContact(req.ctx, idOf(req))
    const form = formData(req.body)
    const values = contactFormValues(form, req.body)
    const keep = keepOf(entry)
    if (form.intent === 'reload') return formPage(req, reply, values, { id: entry.id, keep })
    try {
      const tz = await companyTimeZone(req.ctx)
      await updateContact(req.ctx, entry.id, contactInputFromForm(values, tz))
    } catch (err) {
      if (err instanceof ValidationError)
        return formPage(req, reply, values, { id: entry.id, keep, errors: err.fields })
      throw err
    }
    setFlash(reply, 'success', req.t('contacts.updated_flash'))
    return reply.redirect(`/contacts/${encodeURIComponent(entry.id)}`, 303)
  })

  app.post('/:id/delete', { config: MANAGE_ACCESS }, async (req, reply) => {
    const entry = await deleteContact(req.ctx, idOf(req))
    setFlash(reply, 'success', req.t('contacts.deleted_flash'))
    return reply.redirect(`/contacts?client=${encodeURIComponent(entry.client_id)}`, 303)
  })

  app.post('/:id/done', { config: MANAGE_ACCESS }, async (req, reply) => {
    const entry = await markNextStepDone(req.ctx, idOf(req))
    // htmx replaces the row on the home page with nothing: the step is off the list.
    if (isHtmx(req)) return reply.type('text/html; charset=utf-8').send('')
    setFlash(reply, 'success', req.t('contacts.done_flash', { step: entry.next_step ?? '' }))
    return reply.redirect(safeBack(formData(req.body).back, `/contacts/${encodeURIComponent(entry.id)}`), 303)
  })
}
