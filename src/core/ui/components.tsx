import type { Children } from '@kitajs/html'

export type Tone = 'neutral' | 'blue' | 'amber' | 'red' | 'green' | 'grey'

/** One colour per meaning across modules (UI.md). */
export const Badge = ({ tone, label }: { tone: Tone; label: string }) => (
  <span class={`badge badge-${tone}`} safe>
    {label}
  </span>
)

export const Card = ({ title, children, actions }: { title?: string; children?: Children; actions?: Children }) => (
  <section class="card">
    {title ? (
      <header class="card-header">
        <h2 safe>{title}</h2>
        {actions ?? ''}
      </header>
    ) : (
      ''
    )}
    <div class="card-body">{children}</div>
  </section>
)

export const StatCard = ({
  label,
  value,
  href,
  tone,
}: {
  label: string
  value: string
  href?: string
  tone?: Tone
}) => (
  <div class={`stat-card${tone ? ` stat-${tone}` : ''}`}>
    <p class="stat-label" safe>
      {label}
    </p>
    <p class="stat-value" safe>
      {value}
    </p>
    {href ? (
      <a class="stretched" href={href}>
        <span class="visually-hidden" safe>
          {label}
        </span>
      </a>
    ) : (
      ''
    )}
  </div>
)

export const EmptyState = ({ title, hint, action }: { title: string; hint?: string; action?: Children }) => (
  <>
    <p class="empty-title" safe>
      {title}
    </p>
    {hint ? (
      <p class="empty-hint" safe>
        {hint}
      </p>
    ) : (
      ''
    )}
    {action ?? ''}
  </>
)

export interface TimelineItem {
  at: string
  who: string
  text: string
  internal?: boolean
  internalLabel?: string
}

export const Timeline = ({ items }: { items: TimelineItem[] }) => (
  <ol class="timeline">
    {items.map((i) => (
      <li class={i.internal ? 'internal' : undefined}>
        <p class="timeline-meta">
          <span safe>{i.at}</span> · <span safe>{i.who}</span>
          {i.internal ? <Badge tone="amber" label={i.internalLabel ?? 'internal'} /> : ''}
        </p>
        <p safe>{i.text}</p>
      </li>
    ))}
  </ol>
)

/** A definition list for read-only details on cards. */
export const Details = ({ rows }: { rows: [string, Children][] }) => (
  <dl class="details">
    {rows.map(([k, v]) => (
      <div>
        <dt safe>{k}</dt>
        <dd>{v}</dd>
      </div>
    ))}
  </dl>
)
