import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { pageContext } from '../../core/ui/page-context.js'
import { parseBankAccounts } from './bank-accounts.js'
import { setSupportVisibility } from './clients.service.js'
import { getOwnCompany, updateCompanyContacts } from './company.service.js'
import { listContactPersons } from './contact-persons.service.js'
import { fieldsOf } from './field-errors.js'
import { CompanyPage, type CompanyPageProps } from './views/company-page.js'

type Extra = Pick<CompanyPageProps, 'contactValues' | 'contactErrors'>

async function renderCompany(req: FastifyRequest, reply: FastifyReply, extra: Extra = {}) {
  const ctx = req.ctx
  const client = await getOwnCompany(ctx)
  const contacts = await listContactPersons(ctx, client.id)
  return (
    <CompanyPage
      pc={await pageContext(req, reply)}
      client={client}
      bankAccounts={parseBankAccounts(client.bank_accounts)}
      contacts={contacts}
      isAdmin={ctx.can('company.manage')}
      canSeeColleagues={ctx.can('company.users')}
      {...extra}
    />
  )
}

/** `/company`: a client user's own company; its client admin keeps the contact details and the support setting. */
export async function companyRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: { permission: 'company.read' } } }, async (req, reply) =>
    reply.html(await renderCompany(req, reply)),
  )

  app.post('/', { config: { access: { permission: 'company.manage' } } }, async (req, reply) => {
    const form = formData(req.body)
    const values = { phone: form.phone ?? '', email: form.email ?? '', postalAddress: form.postal_address ?? '' }
    try {
      await updateCompanyContacts(req.ctx, values)
    } catch (err) {
      return reply
        .status(422)
        .html(await renderCompany(req, reply, { contactValues: values, contactErrors: fieldsOf(err) }))
    }
    setFlash(reply, 'success', req.t('clients.company.contacts_saved'))
    return reply.redirect('/company', 303)
  })

  app.post('/support-visibility', { config: { access: { permission: 'company.manage' } } }, async (req, reply) => {
    const client = await getOwnCompany(req.ctx)
    await setSupportVisibility(req.ctx, client.id, formData(req.body).support_visibility ?? '')
    setFlash(reply, 'success', req.t('form.saved'))
    return reply.redirect('/company', 303)
  })
}
