import { CheckboxField, Form } from '../../ui/forms.js'
import type { PageContext } from '../../ui/page-context.js'
import { SettingsShell } from './settings-shell.js'

/** The second-factor rule for head and administrator accounts. */
export function SecuritySettingsPage(p: { pc: PageContext; require2faStaff: boolean }) {
  const { pc } = p
  const ownTotpMissing = !!pc.actor && !pc.actor.totpEnabled
  return (
    <SettingsShell pc={pc} tab="security">
      <Form pc={pc} action="/settings/security" submit={pc.t('form.save')}>
        <fieldset>
          <legend safe>{pc.t('settings.section.two_step')}</legend>
          <CheckboxField
            name="require_2fa_staff"
            label={pc.t('settings.require_2fa')}
            help={pc.t('settings.require_2fa_help')}
            checked={p.require2faStaff}
          />
          {ownTotpMissing ? (
            <p class="banner banner-info" safe>
              {pc.t('settings.require_2fa_self')}
            </p>
          ) : (
            ''
          )}
        </fieldset>
      </Form>
    </SettingsShell>
  )
}
