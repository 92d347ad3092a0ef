import fs from 'node:fs'
import path from 'node:path'
import nodemailer, { type Transporter } from 'nodemailer'
import { randomToken } from '../db/ids.js'

export interface MailMessage {
  to: string
  subject: string
  text: string
}

/**
 * Sends mail by SMTP when KABINET_SMTP_URL is set; otherwise writes each message as an .eml file
 * under `<dataDir>/mail` so nothing is lost and an admin can read it.
 */
export class Mailer {
  private transport: Transporter | null = null
  readonly mode: 'smtp' | 'file'
  readonly fileDir: string

  constructor(
    private readonly smtpUrl: string | null,
    private readonly from: string,
    dataDir: string,
  ) {
    this.mode = smtpUrl ? 'smtp' : 'file'
    this.fileDir = path.join(dataDir, 'mail')
  }

  async send(message: MailMessage): Promise<void> {
    if (this.mode === 'file') {
      // The messages carry password-reset and invitation links: readable by the service user only.
      fs.mkdirSync(this.fileDir, { recursive: true, mode: 0o700 })
      const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
      const info = await stream.sendMail({ from: this.from, ...message })
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomToken(4)}.eml`
      fs.writeFileSync(path.join(this.fileDir, name), info.message as Buffer, { mode: 0o600 })
      return
    }
    if (!this.transport) {
      const url = new URL(this.smtpUrl as string)
      const secure = url.protocol === 'smtps:'
      this.transport = nodemailer.createTransport({
        host: url.hostname,
        port: Number(url.port) || (secure ? 465 : 587),
        secure,
        auth: url.username
          ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
          : undefined,
        // Plain smtp:// to a local relay may lack STARTTLS; ?tls=off says so explicitly.
        ignoreTLS: url.searchParams.get('tls') === 'off',
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      })
    }
    await this.transport.sendMail({ from: this.from, ...message })
  }

  close(): void {
    this.transport?.close()
  }
}
