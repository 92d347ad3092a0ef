import type { FieldErrors } from '../../errors.js'
import { Badge, EmptyState } from '../../ui/components.js'
import { Form } from '../../ui/forms.js'
import type { PageContext } from '../../ui/page-context.js'
import { SettingsShell } from './settings-shell.js'

export interface ModuleRow {
  name: string
  label: string
  /** Labels of the modules this one needs. */
  dependsOn: string[]
  enabled: boolean
  offByConfig: boolean
}

/** One switch per module of this build; modules off in the server configuration are shown, not switchable. */
export function ModulesSettingsPage(p: { pc: PageContext; modules: ModuleRow[]; errors?: FieldErrors }) {
  const { pc, errors } = p
  if (p.modules.length === 0) {
    return (
      <SettingsShell pc={pc} tab="modules">
        <div class="card">
          <div class="empty-state">
            <EmptyState title={pc.t('settings.modules_empty_title')} hint={pc.t('settings.modules_empty_hint')} />
          </div>
        </div>
      </SettingsShell>
    )
  }
  return (
    <SettingsShell pc={pc} tab="modules">
      <p class="muted" safe>
        {pc.t('settings.modules_intro')}
      </p>
      <Form pc={pc} action="/settings/modules" submit={pc.t('form.save')} errors={errors}>
        <input type="hidden" name="modules_form" value="1" />
        <fieldset>
          <legend safe>{pc.t('settings.tab.modules')}</legend>
          {p.modules.map((m) => {
            const id = `f-module_${m.name}`
            const error = errors?.[`module_${m.name}`]
            return (
              <div class={error ? 'field field-check has-error' : 'field field-check'}>
                <input
                  type="checkbox"
                  id={id}
                  name="enabled"
                  value={m.name}
                  checked={m.enabled && !m.offByConfig}
                  disabled={m.offByConfig}
                />
                <label for={id}>
                  <span safe>{m.label}</span>{' '}
                  {m.offByConfig ? <Badge tone="grey" label={pc.t('settings.module_off')} /> : ''}
                </label>
                {m.dependsOn.length ? (
                  <p class="help" safe>
                    {pc.t('settings.module_depends', {
                      modules: m.dependsOn.join(', '),
                    })}
                  </p>
                ) : (
                  ''
                )}
                {m.offByConfig ? (
                  <p class="help" safe>
                    {pc.t('settings.module_off_by_config')}
                  </p>
                ) : (
                  ''
                )}
                {error ? (
                  <p class="field-error" safe>
                    {pc.t(error)}
                  </p>
                ) : (
                  ''
                )}
              </div>
            )
          })}
        </fieldset>
      </Form>
    </SettingsShell>
  )
}
