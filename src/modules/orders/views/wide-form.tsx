import type { Children } from '@kitajs/html'
import type { FieldErrors } from '../../../core/errors.js'
import { Csrf, FormErrors } from '../../../core/ui/forms.js'
import type { PageContext } from '../../../core/ui/page-context.js'

/** The shared form (CSRF, error summary, Save and Cancel) at full width, for forms around an editable table. */
export function WideForm(p: {
  pc: PageContext
  action: string
  errors?: FieldErrors
  submit: string
  cancelHref?: string
  children?: Children
}) {
  return (
    <form method="post" action={p.action} class="form form-wide" novalidate>
      <Csrf pc={p.pc} />
      <FormErrors pc={p.pc} errors={p.errors} />
      {/* Enter in a field submits with the first submit button: make that Save, not "add a row". */}
      <button type="submit" class="visually-hidden" tabindex="-1" safe>
        {p.submit}
      </button>
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
