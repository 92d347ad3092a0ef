// Documents per second for a 30-line payment request PDF (template, fonts, stamp and signatures).
// Run: node --import tsx src/modules/documents/pdf.bench.ts [count]
import { renderPdf } from '../../core/pdf/pdf.js'
import { demoSignature, demoStamp } from './demo-images.js'
import { buildDefinition } from './document-templates.js'

const count = Number(process.argv[2] ?? 50)
const stamp = demoStamp()
const signature = demoSignature(1)
const lines = Array.from({ length: 30 }, (_, i) => ({
  description: `Tétel ${i + 1} — позиция`,
  quantityMilli: 2000,
  unit: 'db',
  unitPriceMinor: 123_450,
  vatRateBp: 2700,
  netMinor: 246_900,
  vatMinor: 66_663,
  grossMinor: 313_563,
}))
const definition = () =>
  buildDefinition({
    kind: 'payment_request',
    locale: 'hu',
    number: 'PR-2026-000001',
    date: '2026-03-01',
    issuer: {
      name: 'Kabinet Kft.',
      taxId: '12345678-2-42',
      address: 'Budapest',
      vatStatus: 'payer',
      bankAccount: { bankName: 'OTP', account: 'HU42117730161111101800000000', bic: 'OTPVHUHB' },
      stamp,
      signers: [
        { role: 'director', name: 'Kovács Ödön', signature },
        { role: 'chief_accountant', name: 'Szőke Júlia', signature },
      ],
    },
    client: { name: 'Árvíztűrő Kft.', taxId: '87654321-2-41' },
    lines,
    totals: { netMinor: 7_407_000, vatMinor: 1_999_890, grossMinor: 9_406_890, currency: 'HUF' },
    vatKnown: true,
    signed: true,
    copy: false,
  })

for (let i = 0; i < 5; i++) await renderPdf(definition())
const started = performance.now()
const times: number[] = []
for (let i = 0; i < count; i++) {
  const t = performance.now()
  await renderPdf(definition())
  times.push(performance.now() - t)
}
const total = (performance.now() - started) / 1000
times.sort((a, b) => a - b)
console.log(
  `30-line payment request PDF: ${count} documents in ${total.toFixed(2)} s = ${(count / total).toFixed(1)} documents/s; median ${times[Math.floor(count / 2)]?.toFixed(1)} ms, p95 ${times[Math.floor(count * 0.95)]?.toFixed(1)} ms`,
)
