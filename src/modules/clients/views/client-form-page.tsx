import type { FieldErrors } from '../../../core/errors.js'
import type { Locale } from '../../../core/i18n/messages.js'
import { Field, Form, SelectField, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { CLIENT_KINDS, CLIENT_STATUSES, COMMON_COUNTRIES } from '../clients.constants.js'
import type { ManagerOption } from '../clients.queries.js'
import type { BankAccount } from '../clients.schema.js'
import { BankRow, DatalistField } from './client-bits.js'

/** The client form's values as typed (mirrors ClientInput). */
export interface ClientFormValues {
  name: string
  shortName: string
  kind: string
  country: string
  taxId: string
  kpp: string
  registrationNumber: string
  legalAddress: string
  postalAddress: string
  phone: string
  email: string
  website: string
  group: string
  status: string
  tags: string
  notes: string
  bankAccounts: BankAccount[]
}

export interface ClientFormPageProps {
  pc: PageContext
  /** null for a new client. */
  clientId: string | null
  title: string
  input: ClientFormValues
  managerId?: string
  errors?: FieldErrors
  groups: string[]
  /** Offered only to whoever may assign clients (head), and only when creating. */
  managers: ManagerOption[] | null
  extraRows?: number
}

function currencyOptions(locale: Locale) {
  const names = new Intl.DisplayNames([locale], { type: 'currency' })
  return Intl.supportedValuesOf('currency').map((code) => ({
    value: code,
    label: `${code} — ${names.of(code) ?? code}`,
  }))
}

function countryOptions(locale: Locale) {
  const names = new Intl.DisplayNames([locale], { type: 'region' })
  return COMMON_COUNTRIES.map((code) => ({ value: code, label: names.of(code) ?? code }))
}

/** Create or edit a client: identity and tax, addresses, contact, bank accounts, grouping and notes. */
export function ClientFormPage(p: ClientFormPageProps) {
  const { pc, input, errors } = p
  const currencies = currencyOptions(pc.locale)
  const rows: { row: BankAccount; blank: boolean }[] = input.bankAccounts.map((row) => ({ row, blank: false }))
  for (let k = 0; k < 1 + (p.extraRows ?? 0); k++)
    rows.push({ row: { bankName: '', account: '', bic: '', currency: '' }, blank: true })
  const action = p.clientId ? `/clients/${p.clientId}` : '/clients'
  const cancel = p.clientId ? `/clients/${p.clientId}` : '/clients'
  const crumbs = [{ label: pc.t('clients.title'), href: '/clients' }, { label: p.title }]
  return (
    <Layout pc={pc} title={p.title} crumbs={crumbs} width="narrow">
      <Form pc={pc} action={action} submit={pc.t('form.save')} errors={errors} cancelHref={cancel}>
        {/* Enter in any field saves rather than adding a bank row: the first submit button is the one Enter presses. */}
        <button type="submit" class="visually-hidden" tabindex="-1" safe>
          {pc.t('form.save')}
        </button>
        <fieldset>
          <legend safe>{pc.t('clients.section.identity')}</legend>
          <Field
            pc={pc}
            name="name"
            label={pc.t('clients.field.name')}
            help={pc.t('clients.field.name_help')}
            value={input.name}
            required
            maxlength={200}
            errors={errors}
          />
          <Field
            pc={pc}
            name="short_name"
            label={pc.t('clients.field.short_name')}
            help={pc.t('clients.field.short_name_help')}
            value={input.shortName}
            maxlength={80}
            errors={errors}
          />
          <div class="grid-2">
            <SelectField
              pc={pc}
              name="kind"
              label={pc.t('clients.field.kind')}
              value={input.kind}
              options={CLIENT_KINDS.map((k) => ({ value: k, label: pc.t(`clients.kind.${k}`) }))}
              required
              errors={errors}
            />
            <DatalistField
              pc={pc}
              name="country"
              label={pc.t('clients.field.country')}
              help={pc.t('clients.field.country_help')}
              value={input.country}
              options={countryOptions(pc.locale)}
              maxlength={2}
              errors={errors}
            />
          </div>
          <div class="grid-2">
            <Field
              pc={pc}
              name="tax_id"
              label={pc.t('clients.field.tax_id')}
              help={pc.t('clients.field.tax_id_help')}
              value={input.taxId}
              maxlength={40}
              autocomplete="off"
              errors={errors}
            />
            <Field
              pc={pc}
              name="kpp"
              label={pc.t('clients.field.kpp')}
              help={pc.t('clients.field.kpp_help')}
              value={input.kpp}
              maxlength={9}
              autocomplete="off"
              errors={errors}
            />
          </div>
          <Field
            pc={pc}
            name="registration_number"
            label={pc.t('clients.field.registration_number')}
            help={pc.t('clients.field.registration_number_help')}
            value={input.registrationNumber}
            maxlength={60}
            errors={errors}
          />
        </fieldset>
        <fieldset>
          <legend safe>{pc.t('clients.section.addresses')}</legend>
          <TextArea
            pc={pc}
            name="legal_address"
            label={pc.t('clients.field.legal_address')}
            value={input.legalAddress}
            rows={3}
            maxlength={500}
            errors={errors}
          />
          <TextArea
            pc={pc}
            name="postal_address"
            label={pc.t('clients.field.postal_address')}
            help={pc.t('clients.field.postal_address_help')}
            value={input.postalAddress}
            rows={3}
            maxlength={500}
            errors={errors}
          />
        </fieldset>
        <fieldset>
          <legend safe>{pc.t('clients.section.contact')}</legend>
          <div class="grid-2">
            <Field
              pc={pc}
              name="phone"
              type="tel"
              label={pc.t('clients.field.phone')}
              value={input.phone}
              maxlength={40}
              errors={errors}
            />
            <Field
              pc={pc}
              name="email"
              type="email"
              label={pc.t('clients.field.email')}
              value={input.email}
              maxlength={254}
              errors={errors}
            />
          </div>
          <Field
            pc={pc}
            name="website"
            type="url"
            label={pc.t('clients.field.website')}
            value={input.website}
            maxlength={300}
            placeholder="https://"
            errors={errors}
          />
        </fieldset>
        <fieldset id="f-bank_rows">
          <legend safe>{pc.t('clients.field.bank_accounts')}</legend>
          <p class="help" safe>
            {pc.t('clients.bank_help')}
          </p>
          {errors?.bank_rows ? (
            <p class="field-error" safe>
              {pc.t(errors.bank_rows)}
            </p>
          ) : (
            ''
          )}
          <input type="hidden" name="bank_rows" value={String(rows.length)} />
          {rows.map((r, i) => (
            <BankRow pc={pc} i={i} row={r.row} blank={r.blank} errors={errors} currencies={currencies} />
          ))}
          <div>
            <button type="submit" name="add_bank_row" value="1" class="btn btn-small" safe>
              {pc.t('clients.bank_add')}
            </button>
          </div>
        </fieldset>
        <fieldset>
          <legend safe>{pc.t('clients.section.relationship')}</legend>
          <div class="grid-2">
            <SelectField
              pc={pc}
              name="status"
              label={pc.t('clients.field.status')}
              value={input.status}
              options={CLIENT_STATUSES.map((s) => ({ value: s, label: pc.t(`clients.status.${s}`) }))}
              required
              errors={errors}
            />
            <DatalistField
              pc={pc}
              name="group"
              label={pc.t('clients.field.group')}
              help={pc.t('clients.field.group_help')}
              value={input.group}
              options={p.groups.map((g) => ({ value: g, label: g }))}
              maxlength={80}
              errors={errors}
            />
          </div>
          {p.managers ? (
            <SelectField
              pc={pc}
              name="manager_id"
              label={pc.t('clients.field.manager')}
              value={p.managerId ?? ''}
              options={p.managers.map((m) => ({ value: m.id, label: `${m.name} <${m.email}>` }))}
              emptyLabel={pc.t('clients.no_manager')}
              errors={errors}
            />
          ) : (
            ''
          )}
          <Field
            pc={pc}
            name="tags"
            label={pc.t('clients.field.tags')}
            help={pc.t('clients.field.tags_help')}
            value={input.tags}
            maxlength={900}
            errors={errors}
          />
          <TextArea
            pc={pc}
            name="notes"
            label={pc.t('clients.field.notes')}
            help={pc.t('clients.field.notes_help')}
            value={input.notes}
            rows={5}
            maxlength={5000}
            errors={errors}
          />
        </fieldset>
      </Form>
    </Layout>
  )
}
