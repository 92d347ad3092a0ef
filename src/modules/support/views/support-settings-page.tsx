import type { FieldErrors } from '../../../core/errors.js'
import { Badge, Card, EmptyState } from '../../../core/ui/components.js'
import { Field, Form, SelectField, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { PRIORITIES, WEEKDAYS } from '../support.constants.js'
import type { CategoryView } from '../support-settings.service.js'
import { durationText } from './support-bits.js'

export interface SupportSettingsProps {
  pc: PageContext
  values: Record<string, string>
  errors?: FieldErrors
  categories: CategoryView[]
  timeZone: string
}

/** Targets per priority as two hour fields in a table row each (shared with the category form). */
export function TargetFields(p: {
  pc: PageContext
  values: Record<string, string>
  errors?: FieldErrors
  help?: (priority: string) => string
}) {
  const { pc } = p
  return (
    <div class="table-scroll">
      <table class="data-table">
        <caption class="visually-hidden" safe>
          {pc.t('support.settings.targets')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {pc.t('support.priority')}
            </th>
            <th scope="col" safe>
              {pc.t('support.settings.first_response_hours')}
            </th>
            <th scope="col" safe>
              {pc.t('support.settings.resolution_hours')}
            </th>
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((k) => (
            <tr>
              <th scope="row" safe>
                {pc.t(`support.priority.${k}`)}
              </th>
              <td>
                <Field
                  pc={pc}
                  name={`first_${k}`}
                  label={pc.t('support.settings.first_response_of', { priority: pc.t(`support.priority.${k}`) })}
                  value={p.values[`first_${k}`]}
                  errors={p.errors}
                  inputmode="decimal"
                  help={p.help?.(k)}
                />
              </td>
              <td>
                <Field
                  pc={pc}
                  name={`resolution_${k}`}
                  label={pc.t('support.settings.resolution_of', { priority: pc.t(`support.priority.${k}`) })}
                  value={p.values[`resolution_${k}`]}
                  errors={p.errors}
                  inputmode="decimal"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Support settings: the SLA calendar (business hours, holidays), reopen window, default targets, categories. */
export function SupportSettingsPage({ pc, values, errors, categories, timeZone }: SupportSettingsProps) {
  return (
    <Layout
      pc={pc}
      title={pc.t('support.settings.title')}
      crumbs={[{ label: pc.t('nav.settings'), href: '/settings' }, { label: pc.t('support.settings.title') }]}
    >
      <Card title={pc.t('support.settings.sla')}>
        <Form pc={pc} action="/support/settings" errors={errors} submit={pc.t('support.settings.save')}>
          <SelectField
            pc={pc}
            name="calendar"
            label={pc.t('support.settings.calendar')}
            value={values.calendar}
            options={[
              { value: 'business', label: pc.t('support.settings.calendar.business') },
              { value: 'calendar', label: pc.t('support.settings.calendar.calendar') },
            ]}
            errors={errors}
            help={pc.t('support.settings.calendar_help', { zone: timeZone })}
          />
          <fieldset>
            <legend safe>{pc.t('support.settings.hours')}</legend>
            <p class="help" safe>
              {pc.t('support.settings.hours_help')}
            </p>
            <div class="grid-2">
              {WEEKDAYS.map((d) => (
                <Field
                  pc={pc}
                  name={`hours_${d}`}
                  label={pc.t(`support.weekday.${d}`)}
                  value={values[`hours_${d}`]}
                  errors={errors}
                  placeholder="09:00-17:00"
                />
              ))}
            </div>
          </fieldset>
          <TextArea
            pc={pc}
            name="holidays"
            label={pc.t('support.settings.holidays')}
            value={values.holidays}
            errors={errors}
            rows={4}
            help={pc.t('support.settings.holidays_help')}
          />
          <Field
            pc={pc}
            name="reopen_days"
            type="number"
            label={pc.t('support.settings.reopen_days')}
            value={values.reopen_days}
            errors={errors}
            help={pc.t('support.settings.reopen_days_help')}
          />
          <fieldset>
            <legend safe>{pc.t('support.settings.default_targets')}</legend>
            <TargetFields pc={pc} values={values} errors={errors} />
          </fieldset>
        </Form>
      </Card>
      <Card
        title={pc.t('support.settings.categories')}
        actions={
          <a class="btn btn-small" href="/support/settings/categories/new" safe>
            {pc.t('support.settings.new_category')}
          </a>
        }
      >
        {categories.length === 0 ? (
          <EmptyState
            title={pc.t('support.settings.no_categories')}
            hint={pc.t('support.settings.no_categories_hint')}
          />
        ) : (
          <div class="table-scroll">
            <table class="data-table">
              <caption class="visually-hidden" safe>
                {pc.t('support.settings.categories')}
              </caption>
              <thead>
                <tr>
                  <th scope="col" safe>
                    {pc.t('support.settings.category_name')}
                  </th>
                  <th scope="col" safe>
                    {pc.t('support.settings.own_targets')}
                  </th>
                  <th scope="col" safe>
                    {pc.t('support.status')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {categories.map((c) => (
                  <tr>
                    <td>
                      <a href={`/support/settings/categories/${encodeURIComponent(c.id)}`} safe>
                        {c.names[pc.locale] || c.name}
                      </a>
                    </td>
                    <td>
                      <ul class="plain-list">
                        {PRIORITIES.filter((p) => c.targets[p]).map((p) => (
                          <li safe>
                            {`${pc.t(`support.priority.${p}`)}: ${durationText(pc, c.targets[p]?.firstResponseMinutes ?? null)} / ${durationText(pc, c.targets[p]?.resolutionMinutes ?? null)}`}
                          </li>
                        ))}
                      </ul>
                      {PRIORITIES.every((p) => !c.targets[p]) ? (
                        <span class="muted" safe>
                          {pc.t('support.settings.uses_defaults')}
                        </span>
                      ) : (
                        ''
                      )}
                    </td>
                    <td>
                      <Badge
                        tone={c.active ? 'green' : 'grey'}
                        label={pc.t(c.active ? 'support.settings.active' : 'support.settings.inactive')}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </Layout>
  )
}
