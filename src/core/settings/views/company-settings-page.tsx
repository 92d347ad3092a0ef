import type { FieldErrors } from '../../errors.js'
import { CheckboxField, Field, Form, SelectField, TextArea } from '../../ui/forms.js'
import type { PageContext } from '../../ui/page-context.js'
import type { BankAccountInput, CompanyInput } from '../company-form.js'
import type { CompanyPageData, Option } from '../company-page-data.js'
import { SettingsShell } from './settings-shell.js'

function BankRow(p: {
  pc: PageContext
  i: number
  row: BankAccountInput
  errors?: FieldErrors
  spare: boolean
  currencies: Option[]
}) {
  const { pc, i } = p
  const blank = p.spare
  return (
    <fieldset>
      <legend safe>{blank ? pc.t('settings.bank_new') : pc.t('settings.bank_account_n', { n: i + 1 })}</legend>
      <div class="grid-2">
        <Field
          pc={pc}
          name={`bank_name_${i}`}
          label={pc.t('settings.bank_name')}
          value={p.row.bankName}
          maxlength={120}
          errors={p.errors}
        />
        <Field
          pc={pc}
          name={`bank_account_${i}`}
          label={pc.t('settings.bank_account')}
          value={p.row.account}
          maxlength={60}
          autocomplete="off"
          errors={p.errors}
        />
        <Field
          pc={pc}
          name={`bank_bic_${i}`}
          label={pc.t('settings.bank_bic')}
          value={p.row.bic}
          maxlength={11}
          autocomplete="off"
          errors={p.errors}
        />
        <SelectField
          pc={pc}
          name={`bank_currency_${i}`}
          label={pc.t('settings.bank_currency')}
          value={p.row.currency}
          options={p.currencies}
          emptyLabel="—"
          errors={p.errors}
        />
      </div>
      {blank ? '' : <CheckboxField name={`bank_remove_${i}`} label={pc.t('settings.bank_remove')} />}
    </fieldset>
  )
}

/** Company details, bank accounts, money and time, document numbering: one form, one save. */
export function CompanySettingsPage(p: {
  pc: PageContext
  input: CompanyInput
  errors?: FieldErrors
  data: CompanyPageData
}) {
  const { pc, input, errors } = p
  const { currencies, bankRows } = p.data
  return (
    <SettingsShell pc={pc} tab="company">
      <Form pc={pc} action="/settings" submit={pc.t('form.save')} errors={errors}>
        {/* Enter in any field saves: the first submit button of a form is the one Enter presses. */}
        <button type="submit" class="visually-hidden" tabindex="-1" safe>
          {pc.t('form.save')}
        </button>
        <fieldset>
          <legend safe>{pc.t('settings.section.company')}</legend>
          <Field
            pc={pc}
            name="legal_name"
            label={pc.t('settings.legal_name')}
            value={input.legalName}
            required
            maxlength={200}
            errors={errors}
          />
          <Field
            pc={pc}
            name="short_name"
            label={pc.t('settings.short_name')}
            help={pc.t('settings.short_name_help')}
            value={input.shortName}
            maxlength={60}
            errors={errors}
          />
          <Field
            pc={pc}
            name="tax_id"
            label={pc.t('settings.tax_id')}
            value={input.taxId}
            maxlength={40}
            errors={errors}
          />
          <TextArea
            pc={pc}
            name="address"
            label={pc.t('settings.address')}
            value={input.address}
            rows={3}
            maxlength={500}
            errors={errors}
          />
          <div class="grid-2">
            <Field
              pc={pc}
              name="email"
              type="email"
              label={pc.t('settings.email')}
              value={input.email}
              maxlength={254}
              errors={errors}
            />
            <Field
              pc={pc}
              name="phone"
              type="tel"
              label={pc.t('settings.phone')}
              value={input.phone}
              maxlength={40}
              errors={errors}
            />
          </div>
        </fieldset>
        <fieldset id="f-bank_rows">
          <legend safe>{pc.t('settings.section.bank')}</legend>
          <p class="help" safe>
            {pc.t('settings.bank_help')}
          </p>
          {errors?.bank_rows ? (
            <p class="field-error" safe>
              {pc.t(errors.bank_rows)}
            </p>
          ) : (
            ''
          )}
          <input type="hidden" name="bank_rows" value={String(bankRows.length)} />
          {bankRows.map(({ row, spare }, i) => (
            <BankRow pc={pc} i={i} row={row} spare={spare} errors={errors} currencies={currencies} />
          ))}
          <div>
            <button type="submit" name="add_bank_row" value="1" class="btn btn-small" safe>
              {pc.t('settings.bank_add')}
            </button>
          </div>
        </fieldset>
        <fieldset>
          <legend safe>{pc.t('settings.section.money')}</legend>
          <div class="grid-2">
            <SelectField
              pc={pc}
              name="default_currency"
              label={pc.t('settings.default_currency')}
              help={pc.t('settings.default_currency_help')}
              value={input.defaultCurrency}
              options={currencies}
              required
              errors={errors}
            />
            <Field
              pc={pc}
              name="vat_rates"
              label={pc.t('settings.vat_rates')}
              help={pc.t('settings.vat_rates_help')}
              value={input.vatRates}
              required
              maxlength={100}
              inputmode="decimal"
              errors={errors}
            />
            <SelectField
              pc={pc}
              name="time_zone"
              label={pc.t('settings.time_zone')}
              help={pc.t('settings.time_zone_help')}
              value={input.timeZone}
              options={p.data.timeZones}
              required
              errors={errors}
            />
            <SelectField
              pc={pc}
              name="default_locale"
              label={pc.t('settings.default_locale')}
              help={pc.t('settings.default_locale_help')}
              value={input.defaultLocale}
              options={p.data.locales}
              required
              errors={errors}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend safe>{pc.t('settings.section.numbering')}</legend>
          <p class="help" safe>
            {pc.t('settings.numbering_help')}
          </p>
          <div class="grid-2">
            {Object.entries(input.numbering).map(([kind, template]) => {
              const label = pc.t(`settings.numbering.kind.${kind}`)
              return (
                <Field
                  pc={pc}
                  name={`numbering_${kind}`}
                  label={label === `settings.numbering.kind.${kind}` ? kind : label}
                  value={template}
                  help={pc.t('settings.numbering_example', { example: p.data.numberingExamples[kind] ?? '' })}
                  required
                  maxlength={60}
                  autocomplete="off"
                  errors={errors}
                />
              )
            })}
          </div>
        </fieldset>
      </Form>
    </SettingsShell>
  )
}
