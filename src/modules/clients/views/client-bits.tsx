import type { FieldErrors } from '../../../core/errors.js'
import { Badge } from '../../../core/ui/components.js'
import { CheckboxField, Field, SelectField } from '../../../core/ui/forms.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type ClientStatus, STATUS_TONES } from '../clients.constants.js'
import type { BankAccount } from '../clients.schema.js'

/** A client's status as its badge. */
export const StatusBadge = ({ pc, status }: { pc: PageContext; status: string }) => (
  <Badge tone={STATUS_TONES[status as ClientStatus] ?? 'neutral'} label={pc.t(`clients.status.${status}`)} />
)

/** Tags as neutral badges. */
export const TagList = ({ tags }: { tags: string[] }) => (
  <span class="tag-list">
    {tags.map((tag) => (
      <>
        <Badge tone="neutral" label={tag} />{' '}
      </>
    ))}
  </span>
)

/** A text field with suggestions (`<datalist>`): the value stays free text. */
export function DatalistField(p: {
  pc: PageContext
  name: string
  label: string
  value: string
  options: { value: string; label: string }[]
  errors?: FieldErrors
  help?: string
  maxlength?: number
  required?: boolean
}) {
  const id = `f-${p.name}`
  const error = p.errors?.[p.name]
  const described = [p.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>
        <span safe>{p.label}</span>
        {p.required ? (
          <span class="required" aria-hidden="true">
            *
          </span>
        ) : (
          ''
        )}
      </label>
      <input
        id={id}
        name={p.name}
        type="text"
        value={p.value}
        list={`${id}-list`}
        maxlength={p.maxlength === undefined ? undefined : String(p.maxlength)}
        required={p.required}
        autocomplete="off"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
      />
      <datalist id={`${id}-list`}>
        {p.options.map((o) => (
          <option value={o.value} safe>
            {o.label === o.value ? '' : o.label}
          </option>
        ))}
      </datalist>
      {p.help ? (
        <p class="help" id={`${id}-help`} safe>
          {p.help}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={`${id}-error`} safe>
          {p.pc.t(error)}
        </p>
      ) : (
        ''
      )}
    </div>
  )
}

/** One bank account row of the client form (`bank_<field>_<i>`), with a remove box unless it is the spare row. */
export function BankRow(p: {
  pc: PageContext
  i: number
  row: BankAccount
  errors?: FieldErrors
  currencies: { value: string; label: string }[]
  blank: boolean
}) {
  const { pc, i } = p
  return (
    <fieldset>
      <legend safe>{p.blank ? pc.t('clients.bank_new') : pc.t('clients.bank_account_n', { n: i + 1 })}</legend>
      <div class="grid-2">
        <Field
          pc={pc}
          name={`bank_account_${i}`}
          label={pc.t('clients.bank_account')}
          help={pc.t('clients.bank_account_help')}
          value={p.row.account}
          maxlength={60}
          autocomplete="off"
          errors={p.errors}
        />
        <Field
          pc={pc}
          name={`bank_name_${i}`}
          label={pc.t('clients.bank_name')}
          value={p.row.bankName}
          maxlength={120}
          errors={p.errors}
        />
        <Field
          pc={pc}
          name={`bank_bic_${i}`}
          label={pc.t('clients.bank_bic')}
          value={p.row.bic}
          maxlength={11}
          autocomplete="off"
          errors={p.errors}
        />
        <SelectField
          pc={pc}
          name={`bank_currency_${i}`}
          label={pc.t('clients.bank_currency')}
          value={p.row.currency}
          options={p.currencies}
          emptyLabel="—"
          errors={p.errors}
        />
      </div>
      {p.blank ? '' : <CheckboxField name={`bank_remove_${i}`} label={pc.t('clients.bank_remove')} />}
    </fieldset>
  )
}

/** Bank accounts as a read-only list. */
export function BankAccountList({ pc, accounts }: { pc: PageContext; accounts: BankAccount[] }) {
  if (accounts.length === 0) {
    return (
      <p class="muted" safe>
        {pc.t('clients.no_bank_accounts')}
      </p>
    )
  }
  return (
    <ul class="plain-list">
      {accounts.map((b) => (
        <li>
          <strong class="mono" safe>
            {b.account}
          </strong>
          <br />
          <span class="muted" safe>
            {[b.bankName, b.bic, b.currency].filter(Boolean).join(' · ')}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** An e-mail address as a mailto link; a website as an outside link (stored as http(s) only). */
export const MailLink = ({ email }: { email: string | null }) =>
  email ? (
    <a href={`mailto:${email}`} safe>
      {email}
    </a>
  ) : (
    ''
  )

export const WebLink = ({ url }: { url: string | null }) =>
  url && /^https?:\/\//.test(url) ? (
    <a href={url} rel="noopener noreferrer nofollow" target="_blank" safe>
      {url.replace(/^https?:\/\//, '')}
    </a>
  ) : (
    ''
  )

/** Text with its line breaks kept (addresses, notes). */
export const MultiLine = ({ text }: { text: string | null }) => (
  <span class="pre-line" safe>
    {text ?? ''}
  </span>
)
