import type { FieldErrors } from '../../../core/errors.js'
import { CheckboxField } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { OrderSettingsValues, StatusRow } from '../order-settings-form.js'
import { TONES } from '../orders.constants.js'
import { WideForm } from './wide-form.js'

const LANGS = ['en', 'hu', 'ru'] as const

function Cell(p: { pc: PageContext; name: string; label: string; value: string; errors?: FieldErrors; max: number }) {
  const error = p.errors?.[p.name]
  const id = `f-${p.name}`
  return (
    <td class={error ? 'has-error' : undefined}>
      <label class="visually-hidden" for={id} safe>
        {p.label}
      </label>
      <input
        id={id}
        name={p.name}
        value={p.value}
        maxlength={String(p.max)}
        size="12"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p class="field-error" id={`${id}-error`} safe>
          {p.pc.t(error)}
        </p>
      ) : (
        ''
      )}
    </td>
  )
}

function StatusRows({ pc, rows, errors }: { pc: PageContext; rows: StatusRow[]; errors?: FieldErrors }) {
  return (
    <fieldset>
      <legend safe>{pc.t('orders.settings.statuses')}</legend>
      <p class="help" safe>
        {pc.t('orders.settings.statuses_help')}
      </p>
      {errors?.statuses ? (
        <p class="field-error" safe>
          {pc.t(errors.statuses)}
        </p>
      ) : (
        ''
      )}
      <div class="table-scroll">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col" safe>
                {pc.t('orders.settings.key')}
              </th>
              {LANGS.map((l) => (
                <th scope="col" safe>
                  {pc.t(`orders.settings.label_${l}`)}
                </th>
              ))}
              <th scope="col" safe>
                {pc.t('orders.settings.open')}
              </th>
              <th scope="col" safe>
                {pc.t('orders.settings.tone')}
              </th>
              <th scope="col" safe>
                {pc.t('orders.settings.remove')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const n = i + 1
              return (
                <tr>
                  {r.existing ? (
                    <td>
                      <code safe>{r.key}</code>
                      <input type="hidden" name={`st_key_${i}`} value={r.key} />
                      <input type="hidden" name={`st_existing_${i}`} value="1" />
                      {errors?.[`st_key_${i}`] ? (
                        <p class="field-error" safe>
                          {pc.t(errors[`st_key_${i}`] as string)}
                        </p>
                      ) : (
                        ''
                      )}
                    </td>
                  ) : (
                    <Cell
                      pc={pc}
                      name={`st_key_${i}`}
                      label={pc.t('orders.settings.key_n', { n })}
                      value={r.key}
                      errors={errors}
                      max={30}
                    />
                  )}
                  {LANGS.map((l) => (
                    <Cell
                      pc={pc}
                      name={`st_${l}_${i}`}
                      label={pc.t(`orders.settings.label_${l}_n`, { n })}
                      value={r[l]}
                      errors={errors}
                      max={40}
                    />
                  ))}
                  <td>
                    <label class="visually-hidden" for={`f-st_open_${i}`} safe>
                      {pc.t('orders.settings.open_n', { n })}
                    </label>
                    <input type="checkbox" id={`f-st_open_${i}`} name={`st_open_${i}`} value="1" checked={r.open} />
                  </td>
                  <td>
                    <label class="visually-hidden" for={`f-st_tone_${i}`} safe>
                      {pc.t('orders.settings.tone_n', { n })}
                    </label>
                    <select id={`f-st_tone_${i}`} name={`st_tone_${i}`}>
                      {TONES.map((t) => (
                        <option value={t} selected={t === r.tone} safe>
                          {pc.t(`orders.tone.${t}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {r.existing ? (
                      <>
                        <label class="visually-hidden" for={`f-st_remove_${i}`} safe>
                          {pc.t('orders.settings.remove_n', { n })}
                        </label>
                        <input
                          type="checkbox"
                          id={`f-st_remove_${i}`}
                          name={`st_remove_${i}`}
                          value="1"
                          checked={r.remove}
                        />
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div>
        <button type="submit" name="add_status_row" value="1" class="btn btn-small" safe>
          {pc.t('orders.settings.add_status')}
        </button>
      </div>
    </fieldset>
  )
}

function TransitionMatrix({ pc, v, errors }: { pc: PageContext; v: OrderSettingsValues; errors?: FieldErrors }) {
  const statuses = v.statuses.filter((s) => s.existing && !s.remove)
  const on = new Set(v.transitions)
  const name = (s: StatusRow) => s[pc.locale] || s.en || s.key
  return (
    <fieldset>
      <legend safe>{pc.t('orders.settings.transitions')}</legend>
      <p class="help" safe>
        {pc.t('orders.settings.transitions_help')}
      </p>
      {errors?.transitions ? (
        <p class="field-error" safe>
          {pc.t(errors.transitions)}
        </p>
      ) : (
        ''
      )}
      <div class="table-scroll">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col" safe>
                {pc.t('orders.settings.from_to')}
              </th>
              {statuses.map((to) => (
                <th scope="col" safe>
                  {name(to)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {statuses.map((from) => (
              <tr>
                <th scope="row" safe>
                  {name(from)}
                </th>
                {statuses.map((to) =>
                  to.key === from.key ? (
                    <td class="muted">—</td>
                  ) : (
                    <td>
                      <input
                        type="checkbox"
                        name="tr"
                        value={`${from.key}>${to.key}`}
                        checked={on.has(`${from.key}>${to.key}`)}
                        aria-label={pc.t('orders.settings.transition_label', { from: name(from), to: name(to) })}
                      />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  )
}

/** The orders settings: the status workflow (labels, open/archived, colours, allowed moves) and client ordering. */
export function OrderSettingsPage(p: { pc: PageContext; values: OrderSettingsValues; errors?: FieldErrors }) {
  const { pc, values: v, errors } = p
  return (
    <Layout
      pc={pc}
      title={pc.t('orders.settings.title')}
      width="wide"
      crumbs={[{ label: pc.t('settings.title'), href: '/settings' }, { label: pc.t('orders.settings.title') }]}
    >
      <WideForm pc={pc} action="/orders/settings" errors={errors} submit={pc.t('form.save')}>
        <CheckboxField
          name="clients_may_order"
          label={pc.t('orders.settings.clients_may_order')}
          help={pc.t('orders.settings.clients_may_order_help')}
          checked={v.clientsMayOrder}
        />
        <StatusRows pc={pc} rows={v.statuses} errors={errors} />
        <TransitionMatrix pc={pc} v={v} errors={errors} />
      </WideForm>
    </Layout>
  )
}
