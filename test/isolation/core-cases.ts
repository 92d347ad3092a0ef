import type { IsolationCases } from './world.js'

/** Id-taking routes of the core and how to make client A's resource for each. */
export const coreCases: IsolationCases = {}
