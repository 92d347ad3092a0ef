// Bank statement parsers: pure functions bytes → ParseResult (formats.md §0–§4). No database.
export type * from './types.js'

import type { ParseFormat, ParseOptions, ParseResult } from './types.js'

export function detectFormat(_bytes: Buffer): ParseFormat {
  throw new Error('bank parse: detectFormat not implemented yet')
}

export function parseStatement(_bytes: Buffer, _opts?: ParseOptions): ParseResult {
  throw new Error('bank parse: parseStatement not implemented yet')
}
