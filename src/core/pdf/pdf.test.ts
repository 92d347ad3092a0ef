import assert from 'node:assert/strict'
import { test } from 'node:test'
import { extractText, getDocumentProxy } from 'unpdf'
import { documentDefinition, issuerHeader, linesTable, partiesBlock, signatureBlock, totalsBlock } from './blocks.js'
import { imageData, renderPdf } from './pdf.js'
import { PDF_LABELS } from './pdf-labels.js'
import { Canvas } from './png.js'

async function textOf(pdf: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf))
  const { text } = await extractText(doc, { mergePages: true })
  return text
}

const stamp = (() => {
  const c = new Canvas(60, 60)
  c.ring(30, 30, 26, 3, [30, 60, 160, 220])
  return c.png()
})()

test('the shared blocks render Hungarian and Cyrillic text, figures and words into a PDF', async () => {
  const l = PDF_LABELS.hu
  const pdf = await renderPdf(
    documentDefinition({
      locale: 'hu',
      title: 'Díjbekérő',
      copy: true,
      content: [
        issuerHeader(
          'hu',
          { name: 'Árvíztűrő Tükörfúrógép Kft.', taxId: '12345678-2-42', logo: stamp, bankAccount: null },
          { title: 'Díjbekérő', number: 'PR-2026-000042', date: '2026-03-05' },
        ),
        partiesBlock('hu', [{ heading: l.buyer, party: { name: 'ООО «Щука и партнёры»', address: 'Москва' } }]),
        linesTable(
          'hu',
          [
            {
              description: 'Szőnyegtisztítás',
              quantityMilli: 1500,
              unit: 'db',
              unitPriceMinor: 1000000,
              vatRateBp: 2700,
              netMinor: 1500000,
              vatMinor: 405000,
              grossMinor: 1905000,
            },
          ],
          'HUF',
        ),
        totalsBlock('hu', { netMinor: 1500000, vatMinor: 405000, grossMinor: 1905000, currency: 'HUF' }),
        signatureBlock(
          'hu',
          [{ title: 'Árvíztűrő Kft.', signers: [{ role: l.director, name: 'Kovács Ödön', signature: stamp }], stamp }],
          { signed: true },
        ),
      ],
    }),
  )
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
  const text = await textOf(pdf)
  for (const expected of [
    'Árvíztűrő Tükörfúrógép Kft.',
    'ООО «Щука и партнёры»',
    'PR-2026-000042',
    'Szőnyegtisztítás',
    '19 050,00 HUF',
    'Tizenkilencezer-ötven forint',
    'MÁSOLAT',
    'Kovács Ödön',
    '1. oldal / 1',
  ]) {
    assert.ok(text.replace(/\s+/g, ' ').includes(expected.replace(/\s+/g, ' ')), `missing ${expected} in ${text}`)
  }
})

test('images are accepted by content only: a PNG passes, other bytes are refused', () => {
  assert.match(imageData(stamp), /^data:image\/png;base64,/)
  assert.throws(() => imageData(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))
})

test('a document definition cannot read local files or URLs', async () => {
  await assert.rejects(
    renderPdf({ content: [{ image: '/etc/passwd' }] }),
    (err: Error) => !/passwd.*root/.test(err.message),
  )
  await assert.rejects(renderPdf({ content: [{ image: 'http://127.0.0.1:1/x.png' }] }))
})
