/** The life of a request: new → open → waiting for the client → resolved → closed (reopen within the window). */
export const REQUEST_STATUSES = ['new', 'open', 'waiting', 'resolved', 'closed'] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

/** Statuses in which the request still needs the company: the SLA clock may run. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['new', 'open', 'waiting']

/** Statuses in which the SLA clock runs; in the others it is paused (the client has the ball, or it is done). */
export const CLOCK_RUNNING: readonly RequestStatus[] = ['new', 'open']

/**
 * Moves staff may make. Back to `open` from resolved/closed is a reopen, allowed only inside the
 * reopen window (checked by the service), for staff and clients alike.
 */
export const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  new: ['open', 'waiting', 'resolved', 'closed'],
  open: ['waiting', 'resolved', 'closed'],
  waiting: ['open', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: ['open'],
}

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const
export type Priority = (typeof PRIORITIES)[number]

/** What a request may point at; ids are checked in the client's scope once the owning table exists. */
export const LINK_KINDS = ['order', 'invoice', 'document'] as const
export type LinkKind = (typeof LINK_KINDS)[number]
export const LINK_TABLES: Record<LinkKind, string> = { order: 'orders', invoice: 'invoices', document: 'documents' }

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export const SUBJECT_MAX = 200
export const BODY_MAX = 20_000
export const RATING_COMMENT_MAX = 2000

/** Attachments: at most this many per message, each at most ATTACHMENT_MAX_BYTES (or the upload limit, if lower). */
export const ATTACHMENTS_PER_MESSAGE = 5
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024

/** Overdue ageing buckets, in days past the due time: [0,1), [1,3), [3,7), [7,∞). */
export const AGE_BUCKETS = ['lt1', 'd1_3', 'd3_7', 'gt7'] as const
export type AgeBucket = (typeof AGE_BUCKETS)[number]
export const AGE_BUCKET_DAYS: Record<AgeBucket, [number, number | null]> = {
  lt1: [0, 1],
  d1_3: [1, 3],
  d3_7: [3, 7],
  gt7: [7, null],
}

export const REPORT_GROUPS = ['manager', 'client', 'category'] as const
export type ReportGroup = (typeof REPORT_GROUPS)[number]
