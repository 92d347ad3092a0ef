/** Field limits, shared by the form, the API schema and the checks. */
export const CONTACT_LIMITS = {
  summary: 4000,
  outcome: 2000,
  nextStep: 1000,
  persons: 50,
  durationMinutes: 24 * 60,
} as const

/** How many open next steps the home page lists before linking to the full list. */
export const HOME_NEXT_STEPS = 10
