import type { FieldErrors } from '../../../core/errors.js'
import { CheckboxField, Field, Form } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { durationText } from './support-bits.js'
import { TargetFields } from './support-settings-page.js'

export interface CategoryFormProps {
  pc: PageContext
  id: string | null
  values: Record<string, string>
  errors?: FieldErrors
  defaults: { key: string; firstResponseMinutes: number; resolutionMinutes: number }[]
}

/** A request category: its names in each language, order, whether clients can pick it, its own SLA targets. */
export function CategoryFormPage({ pc, id, values, errors, defaults }: CategoryFormProps) {
  const title = pc.t(id ? 'support.settings.edit_category' : 'support.settings.new_category')
  return (
    <Layout
      pc={pc}
      title={title}
      width="narrow"
      crumbs={[{ label: pc.t('support.settings.title'), href: '/support/settings' }, { label: title }]}
    >
      <Form
        pc={pc}
        action={id ? `/support/settings/categories/${encodeURIComponent(id)}` : '/support/settings/categories'}
        errors={errors}
        submit={pc.t('support.settings.save')}
        cancelHref="/support/settings"
      >
        <Field
          pc={pc}
          name="name"
          label={pc.t('support.settings.category_name')}
          value={values.name}
          errors={errors}
          required
          maxlength={100}
        />
        <div class="grid-2">
          {(['en', 'hu', 'ru'] as const).map((l) => (
            <Field
              pc={pc}
              name={`name_${l}`}
              label={pc.t(`support.settings.name_in.${l}`)}
              value={values[`name_${l}`]}
              errors={errors}
              maxlength={100}
            />
          ))}
        </div>
        <Field
          pc={pc}
          name="position"
          type="number"
          label={pc.t('support.settings.position')}
          value={values.position}
          errors={errors}
          help={pc.t('support.settings.position_help')}
        />
        <CheckboxField name="active" label={pc.t('support.settings.active_help')} checked={values.active === '1'} />
        <fieldset>
          <legend safe>{pc.t('support.settings.own_targets')}</legend>
          <p class="help" safe>
            {pc.t('support.settings.own_targets_help')}
          </p>
          <TargetFields
            pc={pc}
            values={values}
            errors={errors}
            help={(k) => {
              const d = defaults.find((x) => x.key === k)
              return d
                ? pc.t('support.settings.default_is', {
                    first: durationText(pc, d.firstResponseMinutes),
                    resolution: durationText(pc, d.resolutionMinutes),
                  })
                : ''
            }}
          />
        </fieldset>
      </Form>
    </Layout>
  )
}
