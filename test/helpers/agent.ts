import type { FastifyInstance, LightMyRequestResponse } from 'fastify'

/**
 * A browser-like client over `app.inject`: keeps cookies, and puts the CSRF token of the last page
 * it loaded into every form it posts.
 */
export class Agent {
  private cookies = new Map<string, string>()
  csrf = ''

  constructor(readonly app: FastifyInstance) {}

  static async signedIn(app: FastifyInstance, cookie: string): Promise<Agent> {
    const a = new Agent(app)
    a.setCookieHeader(cookie)
    return a
  }

  setCookieHeader(header: string): void {
    for (const part of header.split(';')) {
      const [k, ...v] = part.trim().split('=')
      if (k) this.cookies.set(k, v.join('='))
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === ''
      if (expired) this.cookies.delete(c.name)
      // light-my-request hands back decoded values; a browser sends them as the server encoded them.
      else this.cookies.set(c.name, encodeURIComponent(c.value))
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body)
    if (m?.[1]) this.csrf = m[1]
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { accept: 'text/html', cookie: this.cookieHeader, ...headers },
    })
    this.remember(res)
    return res
  }

  /** Posts a urlencoded form; loads `/login` first when no CSRF token is known yet. */
  async post(url: string, form: Record<string, string | string[]> = {}, opts: { csrf?: boolean } = {}) {
    if (opts.csrf !== false && !this.csrf) await this.get('/login')
    const body = new URLSearchParams()
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one)
    if (opts.csrf !== false && !('_csrf' in form)) body.append('_csrf', this.csrf)
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: this.cookieHeader },
      payload: body.toString(),
    })
    this.remember(res)
    return res
  }

  /** A JSON API call with the session cookie (and the CSRF header for writes). */
  async api(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
    if (method !== 'GET' && !this.csrf) await this.get('/login')
    const headers: Record<string, string> = { cookie: this.cookieHeader, accept: 'application/json' }
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf
    const res = await this.app.inject({ method, url, headers, payload: payload as object | undefined })
    this.remember(res)
    return res
  }
}

/** Signs `email`/`password` in through the real login form. */
export async function loginThroughForm(app: FastifyInstance, email: string, password: string) {
  const agent = new Agent(app)
  await agent.get('/login')
  const res = await agent.post('/login', { email, password })
  return { agent, res }
}
