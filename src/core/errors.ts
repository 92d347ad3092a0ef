/**
 * Domain errors carry a stable code and a message key, never an HTTP status; `http/errors.ts` maps
 * them once for JSON and for HTML.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code)
    this.name = new.target.name
  }
}

/** Field name → message key. */
export type FieldErrors = Record<string, string>

export class ValidationError extends DomainError {
  constructor(
    readonly fields: FieldErrors,
    messageKey = 'error.validation',
  ) {
    super('validation_failed', messageKey)
  }
}

export class NotFoundError extends DomainError {
  constructor(what = 'resource') {
    super('not_found', 'error.not_found', { what })
  }
}

export class ForbiddenError extends DomainError {
  constructor(readonly permission?: string) {
    super('forbidden', 'error.forbidden')
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(messageKey = 'error.unauthenticated') {
    super('unauthenticated', messageKey)
  }
}

/** A business rule refused the act (e.g. `orders.already_shipped`). */
export class RuleError extends DomainError {}

/** Someone else changed the thing first. */
export class ConflictError extends DomainError {}
