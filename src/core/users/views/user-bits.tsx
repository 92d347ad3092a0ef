import type { UserStatus } from '../../db/core-tables.js'
import { formatDateTime } from '../../i18n/format.js'
import { Badge, type Tone } from '../../ui/components.js'
import { CheckboxField } from '../../ui/forms.js'
import type { PageContext } from '../../ui/page-context.js'
import { CLIENT_AREAS } from '../users.constants.js'

const STATUS_TONE: Record<UserStatus, Tone> = { invited: 'blue', active: 'green', disabled: 'grey' }

export const StatusBadge = ({ pc, status }: { pc: PageContext; status: UserStatus }) => (
  <Badge tone={STATUS_TONE[status]} label={pc.t(`status.${status}`)} />
)

export const TotpBadge = ({ pc, on }: { pc: PageContext; on: boolean }) => (
  <Badge tone={on ? 'green' : 'neutral'} label={pc.t(on ? 'account.totp_on' : 'account.totp_off')} />
)

/** A last-login time, or "never" for someone who has not signed in yet. */
export const LastLogin = ({ pc, at }: { pc: PageContext; at: string | null }) => (
  <span class={at ? undefined : 'muted'} safe>
    {at ? formatDateTime(pc.locale, at, pc.timeZone) : pc.t('account.never')}
  </span>
)

export const roleOptions = (pc: PageContext, roles: readonly string[]) =>
  roles.map((r) => ({ value: r, label: pc.t(`role.${r}`) }))

export const statusOptions = (pc: PageContext) =>
  (['invited', 'active', 'disabled'] as const).map((s) => ({ value: s, label: pc.t(`status.${s}`) }))

/**
 * The parts of the portal open to a client user, as checkboxes. `selected` is comma-separated (as
 * stored); the hidden marker tells a form with nothing ticked from a form without the field.
 */
export function AreasField({ pc, selected, help }: { pc: PageContext; selected: string; help?: string }) {
  const open = new Set(selected.split(','))
  return (
    <fieldset>
      <legend safe>{pc.t('users.areas')}</legend>
      <input type="hidden" name="areas_present" value="1" />
      <p class="help" safe>
        {help ?? pc.t('users.areas_help')}
      </p>
      {CLIENT_AREAS.map((a) => (
        <CheckboxField name="areas" value={a} label={pc.t(`users.area.${a}`)} checked={open.has(a)} />
      ))}
    </fieldset>
  )
}
