import type { FieldErrors } from '../../../core/errors.js'
import { Field, Form, SelectField, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { ContractFormValues, ParameterRow } from '../contract-form.js'
import { parameterTypeOptions, typeOptions } from './contract-bits.js'

export interface ContractFormProps {
  pc: PageContext
  values: ContractFormValues
  errors?: FieldErrors
  /** Set when editing: the contract's id, number and client name. */
  editing?: { id: string; number: string; clientName: string }
  /** New contract: the clients to choose from, or the one fixed client (from `?client=`). */
  clients?: { id: string; name: string }[]
  fixedClient?: { id: string; name: string }
  /** Blank parameter rows to offer below the filled ones. */
  blankRows: number
}

function ParameterRows({ pc, rows, errors }: { pc: PageContext; rows: ParameterRow[]; errors?: FieldErrors }) {
  const types = parameterTypeOptions(pc)
  return (
    <fieldset>
      <legend safe>{pc.t('contracts.parameters')}</legend>
      <p class="help" safe>
        {pc.t('contracts.parameters_help')}
      </p>
      {errors?.parameters ? (
        <p class="field-error" safe>
          {pc.t(errors.parameters)}
        </p>
      ) : (
        ''
      )}
      <div class="table-scroll">
        <table class="data-table parameter-rows">
          <thead>
            <tr>
              <th scope="col" safe>
                {pc.t('contracts.param_key')}
              </th>
              <th scope="col" safe>
                {pc.t('contracts.param_type')}
              </th>
              <th scope="col" safe>
                {pc.t('contracts.param_value')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const cell = (part: 'key' | 'type' | 'value') => {
                const name = `param_${part}_${i}`
                const error = errors?.[name]
                return { name, id: `f-${name}`, error, label: pc.t(`contracts.param_${part}_n`, { n: i + 1 }) }
              }
              const k = cell('key')
              const t = cell('type')
              const v = cell('value')
              const err = (c: { id: string; error?: string }) =>
                c.error ? (
                  <p class="field-error" id={`${c.id}-error`} safe>
                    {pc.t(c.error)}
                  </p>
                ) : (
                  ''
                )
              return (
                <tr>
                  <td class={k.error ? 'has-error' : undefined}>
                    <label class="visually-hidden" for={k.id} safe>
                      {k.label}
                    </label>
                    <input
                      id={k.id}
                      name={k.name}
                      value={row.key}
                      maxlength="80"
                      aria-invalid={k.error ? 'true' : undefined}
                    />
                    {err(k)}
                  </td>
                  <td class={t.error ? 'has-error' : undefined}>
                    <label class="visually-hidden" for={t.id} safe>
                      {t.label}
                    </label>
                    <select id={t.id} name={t.name} aria-invalid={t.error ? 'true' : undefined}>
                      {types.map((o) => (
                        <option value={o.value} selected={o.value === (row.type || 'text')} safe>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    {err(t)}
                  </td>
                  <td class={v.error ? 'has-error' : undefined}>
                    <label class="visually-hidden" for={v.id} safe>
                      {v.label}
                    </label>
                    <input
                      id={v.id}
                      name={v.name}
                      value={row.value}
                      maxlength="500"
                      aria-invalid={v.error ? 'true' : undefined}
                    />
                    {err(v)}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div>
        <button type="submit" name="add_param_row" value="1" class="btn btn-small" safe>
          {pc.t('contracts.add_parameter_row')}
        </button>
      </div>
    </fieldset>
  )
}

/** New or edit contract form: every field keeps what was typed; errors sit beside their fields. */
export function ContractFormPage(p: ContractFormProps) {
  const { pc, values: v, errors } = p
  const title = p.editing ? pc.t('contracts.edit_title', { number: p.editing.number }) : pc.t('contracts.new')
  const action = p.editing ? `/contracts/${encodeURIComponent(p.editing.id)}` : '/contracts'
  const rows = [...v.parameters, ...Array.from({ length: p.blankRows }, () => ({ key: '', type: 'text', value: '' }))]
  const client = p.editing ? { name: p.editing.clientName } : p.fixedClient
  return (
    <Layout
      pc={pc}
      title={title}
      width="normal"
      crumbs={[
        { label: pc.t('contracts.title'), href: '/contracts' },
        ...(p.editing ? [{ label: p.editing.number, href: `/contracts/${encodeURIComponent(p.editing.id)}` }] : []),
        { label: p.editing ? pc.t('contracts.edit') : pc.t('contracts.new') },
      ]}
    >
      <Form
        pc={pc}
        action={action}
        errors={errors}
        submit={pc.t(p.editing ? 'form.save' : 'contracts.create')}
        cancelHref={p.editing ? `/contracts/${encodeURIComponent(p.editing.id)}` : '/contracts'}
      >
        {/* Enter in a field submits with the first submit button: make that Save, not "add a row". */}
        <button type="submit" class="visually-hidden" tabindex="-1" safe>
          {pc.t(p.editing ? 'form.save' : 'contracts.create')}
        </button>
        {p.editing ? <input type="hidden" name="version" value={v.version} /> : ''}
        {client ? (
          <div class="field">
            <span class="field-label" safe>
              {pc.t('contracts.client')}
            </span>
            <strong safe>{client.name}</strong>
            {p.fixedClient ? (
              <>
                <input type="hidden" name="client_id" value={p.fixedClient.id} />
                <input type="hidden" name="client_fixed" value="1" />
              </>
            ) : (
              ''
            )}
          </div>
        ) : (
          <SelectField
            pc={pc}
            name="client_id"
            label={pc.t('contracts.client')}
            value={v.clientId}
            errors={errors}
            required
            emptyLabel={pc.t('contracts.choose_client')}
            options={(p.clients ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
        <div class="grid-2">
          <Field
            pc={pc}
            name="number"
            label={pc.t('contracts.number')}
            value={v.number}
            errors={errors}
            required
            maxlength={60}
            help={pc.t('contracts.number_help')}
          />
          <SelectField
            pc={pc}
            name="type"
            label={pc.t('contracts.type')}
            value={v.type}
            errors={errors}
            required
            options={typeOptions(pc)}
          />
        </div>
        <Field
          pc={pc}
          name="subject"
          label={pc.t('contracts.subject')}
          value={v.subject}
          errors={errors}
          required
          maxlength={500}
        />
        <div class="grid-2">
          <Field
            pc={pc}
            name="signed_on"
            type="date"
            label={pc.t('contracts.signed_on')}
            value={v.signedOn}
            errors={errors}
            required
          />
          <Field
            pc={pc}
            name="issuer"
            label={pc.t('contracts.issuer')}
            value={v.issuer}
            errors={errors}
            maxlength={200}
            help={pc.t('contracts.issuer_help')}
          />
        </div>
        <div class="grid-2">
          <Field
            pc={pc}
            name="valid_from"
            type="date"
            label={pc.t('contracts.valid_from')}
            value={v.validFrom}
            errors={errors}
            required
          />
          <Field
            pc={pc}
            name="valid_to"
            type="date"
            label={pc.t('contracts.valid_to')}
            value={v.validTo}
            errors={errors}
            help={pc.t('contracts.valid_to_help')}
          />
        </div>
        <div class="grid-2">
          <Field
            pc={pc}
            name="amount"
            label={pc.t('contracts.amount')}
            value={v.amount}
            errors={errors}
            inputmode="decimal"
            help={pc.t('contracts.amount_help')}
          />
          <Field
            pc={pc}
            name="amount_currency"
            label={pc.t('contracts.currency')}
            value={v.currency}
            errors={errors}
            maxlength={3}
            placeholder="HUF"
          />
        </div>
        <ParameterRows pc={pc} rows={rows} errors={errors} />
        <TextArea
          pc={pc}
          name="notes"
          label={pc.t('contracts.notes')}
          value={v.notes}
          errors={errors}
          maxlength={5000}
          help={pc.t('contracts.notes_help')}
        />
      </Form>
    </Layout>
  )
}
