import { formatDate, formatMoney } from '../../../core/i18n/format.js'
import { Badge, type Tone } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { IMPORT, REVIEW, type TxStatus } from '../bank.constants.js'

const TONES: Record<TxStatus, Tone> = { posted: 'green', expense: 'blue', review: 'amber', ignored: 'grey' }

export const StatusBadge = ({ pc, status }: { pc: PageContext; status: TxStatus }) => (
  <Badge tone={TONES[status]} label={pc.t(`bank.status.${status}`)} />
)

export const Money = ({ pc, minor, currency }: { pc: PageContext; minor: number | null; currency: string | null }) =>
  minor === null ? (
    <span class="muted">—</span>
  ) : (
    <span class="nowrap" safe>
      {currency ? formatMoney(pc.locale, minor, currency) : String(minor)}
    </span>
  )

/** Signed: money in positive, money out negative, as on a statement. */
export const SignedMoney = ({
  pc,
  minor,
  currency,
  direction,
}: {
  pc: PageContext
  minor: number
  currency: string
  direction: 'in' | 'out'
}) => <Money pc={pc} minor={direction === 'in' ? minor : -minor} currency={currency} />

export const DateText = ({ pc, date }: { pc: PageContext; date: string | null }) =>
  date ? (
    <span class="nowrap" safe>
      {formatDate(pc.locale, date)}
    </span>
  ) : (
    <span class="muted">—</span>
  )

/** Tabs between the bank pages the user may open. */
export function BankTabs({ pc, active }: { pc: PageContext; active: string }) {
  const tabs = [
    ['review', '/bank/review', REVIEW],
    ['imports', '/bank', IMPORT],
    ['statements', '/bank/statements', IMPORT],
    ['rules', '/bank/rules', REVIEW],
    ['expense_rules', '/bank/expense-rules', IMPORT],
    ['accounts', '/bank/accounts', IMPORT],
  ] as const
  // The navigation lists only what the user may open; /bank needs the import permission.
  const canImport = pc.nav.some((n) => n.href === '/bank')
  const can = (perm: string) => perm === REVIEW || canImport
  return (
    <nav class="tabs" aria-label={pc.t('bank.title')}>
      <ul>
        {tabs
          .filter(([, , perm]) => can(perm))
          .map(([key, href]) => (
            <li>
              <a
                href={href}
                class={active === key ? 'active' : undefined}
                aria-current={active === key ? 'page' : undefined}
                safe
              >
                {pc.t(`bank.tab.${key}`)}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  )
}

export const crumbs = (pc: PageContext, ...rest: { label: string; href?: string }[]) => [
  { label: pc.t('bank.title'), href: '/bank/review' },
  ...rest,
]
