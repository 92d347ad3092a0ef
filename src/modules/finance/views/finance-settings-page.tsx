import { minorToDecimal } from '../../../core/i18n/format.js'
import type { FinanceSettings } from '../../../core/settings/settings-store.js'
import { Field, Form } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { FinanceSettingsForm } from '../finance-settings.service.js'

/** The head's finance settings: period lock date, default payment term, smallest top-up. */
export function FinanceSettingsPage(p: {
  pc: PageContext
  settings: FinanceSettings
  currency: string
  values: FinanceSettingsForm | null
  errors?: Record<string, string>
}) {
  const { pc } = p
  const v = p.values ?? {
    lockDate: p.settings.lockDate,
    paymentDays: String(p.settings.defaultPaymentDays),
    topUpMin: minorToDecimal(p.settings.topUpMinMinor, p.currency),
  }
  return (
    <Layout pc={pc} title={pc.t('finance.settings_title')} width="narrow">
      <Form pc={pc} action="/finance/settings" errors={p.errors} submit={pc.t('form.save')}>
        <Field
          pc={pc}
          name="lock_date"
          type="date"
          label={pc.t('finance.lock_date')}
          help={pc.t('finance.lock_date_help')}
          value={v.lockDate}
          errors={p.errors}
        />
        <Field
          pc={pc}
          name="payment_days"
          label={pc.t('finance.payment_days')}
          value={v.paymentDays}
          inputmode="numeric"
          errors={p.errors}
          required
        />
        <Field
          pc={pc}
          name="top_up_min"
          label={pc.t('finance.top_up_min', { currency: p.currency })}
          value={v.topUpMin}
          inputmode="decimal"
          errors={p.errors}
          required
        />
      </Form>
    </Layout>
  )
}
