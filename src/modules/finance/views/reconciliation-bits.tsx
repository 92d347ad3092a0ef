import { Badge, type Tone } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { ReconciliationStatus } from '../reconciliation.schema.js'

export const RECONCILIATION_STATUSES: ReconciliationStatus[] = ['issued', 'accepted', 'disputed']

const TONES: Record<ReconciliationStatus, Tone> = { issued: 'blue', accepted: 'green', disputed: 'amber' }

export const ReconciliationStatusBadge = (p: { pc: PageContext; status: ReconciliationStatus; version: number }) => (
  <Badge
    tone={TONES[p.status]}
    label={`${p.pc.t(`finance.reconciliation.status.${p.status}`)}${p.version > 1 ? ` · v${p.version}` : ''}`}
  />
)
