import type { BrowserContext, Page } from 'playwright-core'

interface Allowance {
  pattern: RegExp
  reason: string
  used: number
}

/** What went wrong inside the browser: JS errors, console errors, CSP violations. */
export class PageErrors {
  readonly problems: string[] = []
  readonly allowed: string[] = []
  private readonly allowances: Allowance[] = []

  /**
   * Accepts console errors matching `pattern` for the rest of the test, e.g. the browser's own
   * "Failed to load resource: 404" when a test opens a missing page on purpose. `reason` is
   * printed with the test output, so an allowance is never silent.
   */
  allow(pattern: RegExp, reason: string): void {
    this.allowances.push({ pattern, reason, used: 0 })
  }

  record(kind: string, text: string): void {
    const line = `${kind}: ${text}`
    const allowance = kind === 'console.error' ? this.allowances.find((a) => a.pattern.test(text)) : undefined
    if (allowance) {
      allowance.used++
      this.allowed.push(`${line}  (allowed: ${allowance.reason})`)
    } else this.problems.push(line)
  }

  /** Returns the problems seen so far and forgets them: for tests of the collector itself. */
  take(): string[] {
    return this.problems.splice(0)
  }

  /** Throws with every problem seen; an allowance that never matched is reported as unused. */
  assertNone(): void {
    const unused = this.allowances.filter((a) => a.used === 0).map((a) => `unused allowance ${a.pattern}: ${a.reason}`)
    if (this.problems.length > 0 || unused.length > 0) {
      throw new Error(`browser reported problems:\n  ${[...this.problems, ...unused].join('\n  ')}`)
    }
  }
}

const CSP_BINDING = '__kabinetE2eCsp'

/** Listens to a context before any page loads: CSP violations are reported through a binding. */
export async function watchContext(context: BrowserContext, errors: PageErrors): Promise<void> {
  await context.exposeBinding(CSP_BINDING, (_source, text: string) => errors.record('csp', text))
  // A string, not a function: it runs in the page, and this project compiles without DOM types.
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      window.${CSP_BINDING}?.(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber)
    })`,
  })
}

/** Records uncaught exceptions and console errors of one page. */
export function watchPage(page: Page, errors: PageErrors): void {
  page.on('pageerror', (err) => errors.record('pageerror', `${err.message} @ ${page.url()}`))
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    const where = msg.location()
    errors.record('console.error', `${msg.text()} @ ${where.url || page.url()}:${where.lineNumber}`)
  })
  page.on('crash', () => errors.record('crash', page.url()))
}
