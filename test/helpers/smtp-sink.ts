import type { AddressInfo } from 'node:net'
import type { TestContext } from 'node:test'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  from: string
  to: string[]
  raw: string
  /** Header name (lower case) → value, unfolded. */
  headers: Record<string, string>
  /** The body with its transfer encoding undone. */
  text: string
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '7bit').toLowerCase()
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (enc === 'quoted-printable') {
    const joined = body.replace(/=\r?\n/g, '')
    const bytes: number[] = []
    for (let i = 0; i < joined.length; i++) {
      const hex = joined.slice(i + 1, i + 3)
      if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(Number.parseInt(hex, 16))
        i += 2
      } else bytes.push(...Buffer.from(joined[i] as string, 'utf8'))
    }
    return Buffer.from(bytes).toString('utf8')
  }
  return body
}

/** Splits a single-part message into unfolded headers and its decoded text. */
export function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.search(/\r?\n\r?\n/)
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ')
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '')
  const headers: Record<string, string> = {}
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':')
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim()
  }
  return { headers, text: decodeBody(body, headers['content-transfer-encoding']) }
}

/**
 * A real SMTP server on 127.0.0.1 and a random port, keeping every message it receives; closed
 * after the test. No TLS and no AUTH, as a local relay would be.
 */
export async function smtpSink(t: TestContext): Promise<{ port: number; url: string; mails: ReceivedMail[] }> {
  const mails: ReceivedMail[] = []
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMail(raw),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { port, url: `smtp://127.0.0.1:${port}?tls=off`, mails }
}

/** A port nothing listens on (taken and released at once). */
export async function closedPort(): Promise<number> {
  const net = await import('node:net')
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as AddressInfo).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}
