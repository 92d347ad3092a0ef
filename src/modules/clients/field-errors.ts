import { ValidationError } from '../../core/errors.js'

/** A ValidationError's fields, for re-rendering the form; anything else is thrown on to the error handler. */
export function fieldsOf(err: unknown): Record<string, string> {
  if (err instanceof ValidationError) return err.fields
  throw err
}
