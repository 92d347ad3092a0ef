import type { FastifyInstance } from 'fastify'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { pageContext } from '../../core/ui/page-context.js'
import { getClient } from './clients.service.js'
import {
  addContactPerson,
  archiveContactPerson,
  type ContactPersonInput,
  contactPersonInputFrom,
  emptyContactPersonInput,
  getContactPerson,
  givePortalAccess,
  updateContactPerson,
} from './contact-persons.service.js'
import { fieldsOf } from './field-errors.js'
import { ContactPersonFormPage } from './views/contact-person-form-page.js'

const MANAGE = { access: { permission: 'clients.manage' } } as const

const inputFromForm = (body: unknown): ContactPersonInput => {
  const form = formData(body)
  return {
    name: form.name ?? '',
    position: form.position ?? '',
    email: form.email ?? '',
    phone: form.phone ?? '',
    mobile: form.mobile ?? '',
    messenger: form.messenger ?? '',
    relationshipRole: form.relationship_role ?? '',
    isPrimary: Boolean(form.is_primary),
    notes: form.notes ?? '',
  }
}

/** `/clients/:id/contacts`: add, edit, remove contact persons and give them a portal login. */
export async function contactPersonsRoutes(app: FastifyInstance) {
  app.get('/new', { config: MANAGE }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const client = await getClient(req.ctx, id)
    const pc = await pageContext(req, reply)
    return reply.html(
      <ContactPersonFormPage
        pc={pc}
        clientId={id}
        clientName={client.short_name || client.name}
        contactId={null}
        input={emptyContactPersonInput()}
      />,
    )
  })

  app.post('/', { config: MANAGE }, async (req, reply) => {
    const { id } = req.params as { id: string }
    const client = await getClient(req.ctx, id)
    const input = inputFromForm(req.body)
    try {
      await addContactPerson(req.ctx, id, input)
    } catch (err) {
      const errors = fieldsOf(err)
      const pc = await pageContext(req, reply)
      return reply
        .status(422)
        .html(
          <ContactPersonFormPage
            pc={pc}
            clientId={id}
            clientName={client.short_name || client.name}
            contactId={null}
            input={input}
            errors={errors}
          />,
        )
    }
    setFlash(reply, 'success', req.t('clients.contacts.added', { name: input.name.trim() }))
    return reply.redirect(`/clients/${id}`, 303)
  })

  app.get('/:contactId/edit', { config: MANAGE }, async (req, reply) => {
    const { id, contactId } = req.params as { id: string; contactId: string }
    const client = await getClient(req.ctx, id)
    const person = await getContactPerson(req.ctx, id, contactId)
    const pc = await pageContext(req, reply)
    return reply.html(
      <ContactPersonFormPage
        pc={pc}
        clientId={id}
        clientName={client.short_name || client.name}
        contactId={contactId}
        input={contactPersonInputFrom(person)}
      />,
    )
  })

  app.post('/:contactId', { config: MANAGE }, async (req, reply) => {
    const { id, contactId } = req.params as { id: string; contactId: string }
    const client = await getClient(req.ctx, id)
    await getContactPerson(req.ctx, id, contactId)
    const input = inputFromForm(req.body)
    try {
      await updateContactPerson(req.ctx, id, contactId, input)
    } catch (err) {
      const errors = fieldsOf(err)
      const pc = await pageContext(req, reply)
      return reply
        .status(422)
        .html(
          <ContactPersonFormPage
            pc={pc}
            clientId={id}
            clientName={client.short_name || client.name}
            contactId={contactId}
            input={input}
            errors={errors}
          />,
        )
    }
    setFlash(reply, 'success', req.t('clients.contacts.saved', { name: input.name.trim() }))
    return reply.redirect(`/clients/${id}`, 303)
  })

  app.post('/:contactId/archive', { config: MANAGE }, async (req, reply) => {
    const { id, contactId } = req.params as { id: string; contactId: string }
    const person = await archiveContactPerson(req.ctx, id, contactId)
    setFlash(reply, 'success', req.t('clients.contacts.removed', { name: person.name }))
    return reply.redirect(`/clients/${id}`, 303)
  })

  app.post('/:contactId/portal-access', { config: MANAGE }, async (req, reply) => {
    const { id, contactId } = req.params as { id: string; contactId: string }
    const person = await getContactPerson(req.ctx, id, contactId)
    await givePortalAccess(req.ctx, id, contactId)
    setFlash(reply, 'success', req.t('clients.contacts.access_given', { name: person.name, email: person.email ?? '' }))
    return reply.redirect(`/clients/${id}`, 303)
  })
}
