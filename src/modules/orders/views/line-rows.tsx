import type { FieldErrors } from '../../../core/errors.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { LineRow } from '../order-form.js'

interface Cell {
  field: 'name' | 'sku' | 'qty' | 'unit' | 'price' | 'vat'
  max?: number
  size?: string
  inputmode?: 'decimal'
}

/**
 * The editable order lines: name, SKU, quantity, unit, and — for staff — unit price and VAT rate.
 * Rows left empty are ignored; a button offers one more row (works without JavaScript).
 */
export function LineRows(p: {
  pc: PageContext
  rows: LineRow[]
  errors?: FieldErrors
  /** VAT rate choices (basis points → label); null: the form takes no prices (a client's order). */
  vatOptions: { value: string; label: string }[] | null
}) {
  const { pc, errors } = p
  const cells: Cell[] = [
    { field: 'name', max: 300 },
    { field: 'sku', max: 60, size: '10' },
    { field: 'qty', size: '7', inputmode: 'decimal' },
    { field: 'unit', max: 20, size: '5' },
    ...(p.vatOptions ? [{ field: 'price', size: '10', inputmode: 'decimal' } as Cell] : []),
  ]
  return (
    <fieldset>
      <legend safe>{pc.t('orders.lines')}</legend>
      <p class="help" safe>
        {pc.t(p.vatOptions ? 'orders.lines_help' : 'orders.lines_help_client')}
      </p>
      {errors?.lines ? (
        <p class="field-error" safe>
          {pc.t(errors.lines)}
        </p>
      ) : (
        ''
      )}
      <div class="table-scroll">
        <table class="data-table">
          <thead>
            <tr>
              {cells.map((c) => (
                <th scope="col" class={c.inputmode ? 'num' : undefined} safe>
                  {pc.t(`orders.line.${c.field}`)}
                </th>
              ))}
              {p.vatOptions ? (
                <th scope="col" safe>
                  {pc.t('orders.line.vat')}
                </th>
              ) : (
                ''
              )}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((row, i) => {
              const ref = (field: string) => {
                const name = `line_${field}_${i}`
                return { name, id: `f-${name}`, error: errors?.[name] }
              }
              const err = (c: { id: string; error?: string }) =>
                c.error ? (
                  <p class="field-error" id={`${c.id}-error`} safe>
                    {pc.t(c.error)}
                  </p>
                ) : (
                  ''
                )
              const vat = ref('vat')
              return (
                <tr>
                  {cells.map((c) => {
                    const r = ref(c.field)
                    return (
                      <td class={r.error ? 'has-error' : undefined}>
                        <label class="visually-hidden" for={r.id} safe>
                          {pc.t(`orders.line.${c.field}_n`, { n: i + 1 })}
                        </label>
                        <input
                          id={r.id}
                          name={r.name}
                          value={row[c.field]}
                          maxlength={c.max ? String(c.max) : undefined}
                          size={c.size}
                          inputmode={c.inputmode}
                          aria-invalid={r.error ? 'true' : undefined}
                          aria-describedby={r.error ? `${r.id}-error` : undefined}
                        />
                        {err(r)}
                      </td>
                    )
                  })}
                  {p.vatOptions ? (
                    <td class={vat.error ? 'has-error' : undefined}>
                      <label class="visually-hidden" for={vat.id} safe>
                        {pc.t('orders.line.vat_n', { n: i + 1 })}
                      </label>
                      <select id={vat.id} name={vat.name} aria-invalid={vat.error ? 'true' : undefined}>
                        <option value="">—</option>
                        {p.vatOptions.map((o) => (
                          <option value={o.value} selected={o.value === row.vat} safe>
                            {o.label}
                          </option>
                        ))}
                      </select>
                      {err(vat)}
                    </td>
                  ) : (
                    ''
                  )}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div>
        <button type="submit" name="add_line_row" value="1" class="btn btn-small" safe>
          {pc.t('orders.add_line_row')}
        </button>
      </div>
    </fieldset>
  )
}
