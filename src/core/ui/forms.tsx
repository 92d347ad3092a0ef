import type { Children } from '@kitajs/html'
import type { FieldErrors } from '../errors.js'
import type { PageContext } from './page-context.js'

export interface FieldProps {
  pc: PageContext
  name: string
  label: string
  value?: string | null
  errors?: FieldErrors
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'tel' | 'url' | 'search'
  required?: boolean
  help?: string
  autocomplete?: string
  inputmode?: 'numeric' | 'decimal' | 'text' | 'email'
  placeholder?: string
  maxlength?: number
  autofocus?: boolean
  /** Keeps ids unique when two forms on one page share a field name (e.g. `filter-`). */
  idPrefix?: string
}

const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`

function FieldShell(props: {
  pc: PageContext
  id: string
  label: string
  required?: boolean
  help?: string
  error?: string
  children: Children
}) {
  const id = props.id
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>
        <span safe>{props.label}</span>
        {props.required ? (
          <span class="required" aria-hidden="true">
            *
          </span>
        ) : (
          ''
        )}
      </label>
      {props.children}
      {props.help ? (
        <p class="help" id={`${id}-help`} safe>
          {props.help}
        </p>
      ) : (
        ''
      )}
      {props.error ? (
        <p class="field-error" id={`${id}-error`} safe>
          {props.pc.t(props.error)}
        </p>
      ) : (
        ''
      )}
    </div>
  )
}

const describedBy = (id: string, help?: string, error?: string) =>
  [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined

const idOf = (p: { name: string; idPrefix?: string }) => fieldId(`${p.idPrefix ?? ''}${p.name}`)

export function Field(p: FieldProps) {
  const error = p.errors?.[p.name]
  return (
    <FieldShell pc={p.pc} id={idOf(p)} label={p.label} required={p.required} help={p.help} error={error}>
      <input
        id={idOf(p)}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? undefined : (p.value ?? undefined)}
        required={p.required}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        placeholder={p.placeholder}
        maxlength={p.maxlength === undefined ? undefined : String(p.maxlength)}
        autofocus={p.autofocus}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(idOf(p), p.help, error)}
      />
    </FieldShell>
  )
}

export function TextArea(p: Omit<FieldProps, 'type'> & { rows?: number }) {
  const error = p.errors?.[p.name]
  return (
    <FieldShell pc={p.pc} id={idOf(p)} label={p.label} required={p.required} help={p.help} error={error}>
      <textarea
        id={idOf(p)}
        name={p.name}
        rows={String(p.rows ?? 4)}
        required={p.required}
        maxlength={p.maxlength === undefined ? undefined : String(p.maxlength)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(idOf(p), p.help, error)}
        safe
      >
        {p.value ?? ''}
      </textarea>
    </FieldShell>
  )
}

export function SelectField(
  p: Omit<FieldProps, 'type'> & { options: { value: string; label: string }[]; emptyLabel?: string },
) {
  const error = p.errors?.[p.name]
  return (
    <FieldShell pc={p.pc} id={idOf(p)} label={p.label} required={p.required} help={p.help} error={error}>
      <select
        id={idOf(p)}
        name={p.name}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(idOf(p), p.help, error)}
      >
        {p.emptyLabel !== undefined ? (
          <option value="" safe>
            {p.emptyLabel}
          </option>
        ) : (
          ''
        )}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  )
}

export function CheckboxField(p: { name: string; label: string; checked?: boolean; help?: string; value?: string }) {
  const id = fieldId(p.name + (p.value ? `-${p.value}` : ''))
  return (
    <div class="field field-check">
      <input type="checkbox" id={id} name={p.name} value={p.value ?? '1'} checked={p.checked} />
      <label for={id} safe>
        {p.label}
      </label>
      {p.help ? (
        <p class="help" safe>
          {p.help}
        </p>
      ) : (
        ''
      )}
    </div>
  )
}

export const Csrf = ({ pc }: { pc: PageContext }) => <input type="hidden" name="_csrf" value={pc.csrf} />

/** The error summary at the top of a form: what is wrong, linked to the fields. */
export function FormErrors({ pc, errors }: { pc: PageContext; errors?: FieldErrors }) {
  const entries = Object.entries(errors ?? {})
  if (entries.length === 0) return ''
  return (
    <div class="form-errors" role="alert" tabindex="-1">
      <p safe>{pc.t('form.fix_errors')}</p>
      <ul>
        {entries.map(([field, key]) => (
          <li>
            <a href={`#${fieldId(field)}`} safe>
              {pc.t(key)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}

export function Form(p: {
  pc: PageContext
  action: string
  method?: 'post' | 'get'
  multipart?: boolean
  errors?: FieldErrors
  submit: string
  children?: Children
  cancelHref?: string
}) {
  const method = p.method ?? 'post'
  return (
    <form
      method={method}
      action={
        p.multipart
          ? `${p.action}${p.action.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(p.pc.csrf)}`
          : p.action
      }
      enctype={p.multipart ? 'multipart/form-data' : undefined}
      class="form"
      novalidate
    >
      {method === 'post' && !p.multipart ? <Csrf pc={p.pc} /> : ''}
      <FormErrors pc={p.pc} errors={p.errors} />
      {p.children}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" data-disable-on-submit safe>
          {p.submit}
        </button>
        {p.cancelHref ? (
          <a class="btn" href={p.cancelHref} safe>
            {p.pc.t('form.cancel')}
          </a>
        ) : (
          ''
        )}
      </div>
    </form>
  )
}

/** A button that posts (with CSRF), asking first in a dialog when `confirm` is given. */
export function PostButton(p: {
  pc: PageContext
  action: string
  label: string
  confirm?: string
  danger?: boolean
  fields?: Record<string, string>
}) {
  return (
    <form method="post" action={p.action} class="inline-form" data-confirm={p.confirm}>
      <Csrf pc={p.pc} />
      {Object.entries(p.fields ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={p.danger ? 'btn btn-danger' : 'btn'} safe>
        {p.label}
      </button>
    </form>
  )
}
