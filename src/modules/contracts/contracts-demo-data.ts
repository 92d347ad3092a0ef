import type { ContractParameter, ContractType } from './contracts.constants.js'

/** A demo client's language group: it decides contract numbers, subjects, parameters and currency. */
export type DemoGroup = 'hu' | 'ru' | 'en'

export const NUMBER_PREFIX: Record<DemoGroup, string> = { hu: 'SZ', ru: 'Д', en: 'CT' }
export const CURRENCY: Record<DemoGroup, string> = { hu: 'HUF', ru: 'RUB', en: 'EUR' }

export const SUBJECTS: Record<DemoGroup, Record<ContractType, string>> = {
  hu: {
    supply: 'Irodaszer és fogyóeszköz szállítása',
    services: 'Könyvelési és bérszámfejtési szolgáltatás',
    lease: 'Raktárhelyiség bérlete (Budapest XIII.)',
    agency: 'Kereskedelmi képviselet a Dunántúlon',
    framework: 'Keretszerződés eseti megrendelésekre',
    other: 'Titoktartási megállapodás',
  },
  ru: {
    supply: 'Поставка канцелярских товаров',
    services: 'Оказание бухгалтерских услуг',
    lease: 'Аренда складского помещения',
    agency: 'Агентский договор на продажу продукции',
    framework: 'Рамочный договор поставки по заявкам',
    other: 'Соглашение о конфиденциальности',
  },
  en: {
    supply: 'Supply of office consumables',
    services: 'Bookkeeping and payroll services',
    lease: 'Lease of warehouse space',
    agency: 'Sales agency agreement',
    framework: 'Framework agreement for call-off orders',
    other: 'Non-disclosure agreement',
  },
}

const LABELS: Record<DemoGroup, Record<string, string>> = {
  hu: {
    term: 'Fizetési határidő (nap)',
    delivery: 'Szállítási feltétel',
    rate: 'Óradíj',
    hours: 'Havi óraszám-keret',
    rent: 'Havi bérleti díj',
    deposit: 'Kaució befizetve',
    commission: 'Jutalék (%)',
    pricelist: 'Árlista érvényes',
    penalty: 'Kötbér (%/nap)',
  },
  ru: {
    term: 'Срок оплаты (дней)',
    delivery: 'Условия поставки',
    rate: 'Ставка в час',
    hours: 'Лимит часов в месяц',
    rent: 'Арендная плата в месяц',
    deposit: 'Обеспечительный платёж внесён',
    commission: 'Вознаграждение агента (%)',
    pricelist: 'Прайс-лист действует до',
    penalty: 'Неустойка (% в день)',
  },
  en: {
    term: 'Payment term (days)',
    delivery: 'Delivery terms',
    rate: 'Hourly rate',
    hours: 'Monthly hours cap',
    rent: 'Monthly rent',
    deposit: 'Deposit paid',
    commission: 'Commission (%)',
    pricelist: 'Price list valid until',
    penalty: 'Late penalty (% per day)',
  },
}

const DELIVERY: Record<DemoGroup, string> = { hu: 'DAP Budapest', ru: 'DAP Москва', en: 'DAP Rotterdam' }

/** Minor units per "unit" of each currency in the demo, for plausible amounts. */
const SCALE: Record<DemoGroup, number> = { hu: 100_000, ru: 10_000, en: 100 }

/** Typed parameters that fit a contract of `type`, in the client's language. */
export function demoParameters(
  group: DemoGroup,
  type: ContractType,
  random: () => number,
  validTo: string | null,
): ContractParameter[] {
  const l = LABELS[group]
  const currency = CURRENCY[group]
  const money = (units: number) => ({ minor: Math.round(units) * SCALE[group], currency })
  switch (type) {
    case 'supply':
      return [
        { key: l.term as string, type: 'number', value: [8, 15, 30, 45][Math.floor(random() * 4)] as number },
        { key: l.delivery as string, type: 'text', value: DELIVERY[group] },
        { key: l.penalty as string, type: 'number', value: 0.1 },
      ]
    case 'services':
      return [
        { key: l.rate as string, type: 'money', value: money(150 + random() * 100) },
        { key: l.hours as string, type: 'number', value: [20, 40, 60][Math.floor(random() * 3)] as number },
      ]
    case 'lease':
      return [
        { key: l.rent as string, type: 'money', value: money(3000 + random() * 4000) },
        { key: l.deposit as string, type: 'boolean', value: random() > 0.3 },
      ]
    case 'agency':
      return [{ key: l.commission as string, type: 'number', value: [5, 7.5, 10][Math.floor(random() * 3)] as number }]
    case 'framework':
      return [
        { key: l.term as string, type: 'number', value: 30 },
        ...(validTo ? [{ key: l.pricelist as string, type: 'date' as const, value: validTo }] : []),
      ]
    default:
      return []
  }
}

/** A contract's amount in the demo: none for framework and NDA-like contracts. */
export function demoAmount(group: DemoGroup, type: ContractType, random: () => number) {
  if (type === 'framework' || type === 'other') return null
  return { minor: Math.round(2_000 + random() * 60_000) * SCALE[group], currency: CURRENCY[group] }
}

/** A one-page PDF standing in for a signed scan (ASCII text, so any viewer shows it). */
export function demoScanPdf(text: string): Buffer {
  const safe = text.replace(/[^\x20-\x7e]/g, '').replace(/[()\\]/g, (c) => `\\${c}`)
  const content = `BT /F1 16 Tf 72 770 Td (${safe}) Tj 0 -24 Td /F1 11 Tf (Signed copy - demo scan) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ]
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}
