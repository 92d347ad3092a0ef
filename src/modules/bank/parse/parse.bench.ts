// Parse throughput: `node --import tsx src/modules/bank/parse/parse.bench.ts [transactions]`
// generates a camt.053, a 1CClientBankExchange (windows-1251) and an MT940 statement with that
// many postings (default 100,000), parses each and prints transactions/s and peak RSS. Not a test.
import os from 'node:os'
import v8 from 'node:v8'
import vm from 'node:vm'
import iconv from 'iconv-lite'
import { parseStatement } from './index.js'
import type { ParseResult } from './types.js'

const N = Number(process.argv[2] ?? 100_000)
const OWN_IBAN = 'HU42117730161111101800000000'
const OWN_RU = '40702810000000000001'

function amount(i: number): string {
  return `${(i % 9973) + 1}.${String(i % 100).padStart(2, '0')}`
}

export function camtStatement(n: number): Buffer {
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2024-03-01T10:00:00</CreDtTm></GrpHdr><Stmt><Id>S1</Id><Acct><Id><IBAN>${OWN_IBAN}</IBAN></Id><Ccy>HUF</Ccy></Acct>\n`,
  ]
  for (let i = 0; i < n; i++) {
    const cr = i % 3 !== 0
    const role = cr ? 'Dbtr' : 'Cdtr'
    parts.push(
      `<Ntry><Amt Ccy="HUF">${amount(i)}</Amt><CdtDbtInd>${cr ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2024-03-${String((i % 28) + 1).padStart(2, '0')}</Dt></BookgDt><ValDt><Dt>2024-03-01</Dt></ValDt><AcctSvcrRef>REF${i}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls><Refs><EndToEndId>E2E-${i}</EndToEndId></Refs><RltdPties><${role}><Pty><Nm>Partner Kft ${i % 500}</Nm></Pty></${role}><${role}Acct><Id><IBAN>HU93116000060000000012345${String(i % 1000).padStart(3, '0')}</IBAN></Id></${role}Acct></RltdPties><RmtInf><Ustrd>Invoice INV-2024-${i} payment</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n`,
    )
  }
  parts.push('</Stmt></BkToCstmrStmt></Document>\n')
  return Buffer.from(parts.join(''), 'utf8')
}

export function oneCStatement(n: number): Buffer {
  const parts: string[] = [
    `1CClientBankExchange\r\nВерсияФормата=1.03\r\nКодировка=Windows\r\nРасчСчет=${OWN_RU}\r\nСекцияРасчСчет\r\nРасчСчет=${OWN_RU}\r\nНачальныйОстаток=0.00\r\nКонецРасчСчет\r\n`,
  ]
  for (let i = 0; i < n; i++) {
    const out = i % 3 === 0
    const other = `40702810${String(i % 100000).padStart(12, '9')}`
    parts.push(
      `СекцияДокумент=Платежное поручение\r\nНомер=${i}\r\nДата=01.03.2024\r\nСумма=${amount(i)}\r\n` +
        `ПлательщикСчет=${out ? OWN_RU : other}\r\n${out ? 'ДатаСписано=01.03.2024' : 'ДатаСписано='}\r\nПлательщикИНН=7707083893\r\nПлательщик1=ООО Плательщик ${i % 500}\r\nПлательщикРасчСчет=${out ? OWN_RU : other}\r\nПлательщикБИК=044525225\r\n` +
        `ПолучательСчет=${out ? other : OWN_RU}\r\n${out ? 'ДатаПоступило=' : 'ДатаПоступило=01.03.2024'}\r\nПолучательИНН=7702070139\r\nПолучатель1=ООО Получатель\r\nПолучательРасчСчет=${out ? other : OWN_RU}\r\nПолучательБИК=044525187\r\n` +
        `ВидОплаты=01\r\nОчередность=5\r\nНазначениеПлатежа=Оплата по счету № ${i} от 01.03.2024, в т.ч. НДС\r\nКонецДокумента\r\n`,
    )
  }
  parts.push('КонецФайла\r\n')
  return iconv.encode(parts.join(''), 'windows-1251')
}

export function mt940Statement(n: number): Buffer {
  const parts: string[] = [':20:BENCH\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:C240301EUR0,00\r\n']
  for (let i = 0; i < n; i++) {
    parts.push(
      `:61:2403010301${i % 3 === 0 ? 'D' : 'C'}${amount(i).replace('.', ',')}NTRFNONREF//B${i}\r\n:86:166?00GUTSCHRIFT?20EREF+E2E-${i}?21SVWZ+Rechnung ${i}?30COBADEFFXXX?31DE4410010010012345${String(i % 10000).padStart(4, '0')}?32Kunde ${i % 500}\r\n`,
    )
  }
  parts.push(':62F:C240301EUR0,00\r\n-\r\n')
  return Buffer.from(parts.join(''), 'latin1')
}

function run(label: string, bytes: Buffer): void {
  const t0 = process.hrtime.bigint()
  const c0 = process.cpuUsage()
  const r: ParseResult = parseStatement(bytes)
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  const cpu = process.cpuUsage(c0)
  const cpuMs = (cpu.user + cpu.system) / 1000
  if (r.error) throw new Error(`${label}: ${r.error} ${r.meta.message}`)
  const rate = Math.round((r.transactions.length / ms) * 1000)
  const cpuRate = Math.round((r.transactions.length / cpuMs) * 1000)
  process.stdout.write(
    `${label.padEnd(22)} ${String(r.transactions.length).padStart(7)} tx  ${(bytes.length / 1048576).toFixed(1).padStart(6)} MB  ${ms.toFixed(0).padStart(6)} ms  ${String(rate).padStart(8)} tx/s (CPU time ${cpuMs.toFixed(0)} ms: ${cpuRate} tx/s)  peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`,
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(
    `bank statement parse benchmark, ${N} transactions per file (Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs)\n`,
  )
  // generate everything first and collect the generator's garbage, so that it is not billed to the parsers
  const files: [string, Buffer][] = [
    ['camt.053', camtStatement(N)],
    ['1CClientBankExchange', oneCStatement(N)],
    ['MT940', mt940Statement(N)],
  ]
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc') as () => void
  for (const [label, bytes] of files) {
    gc()
    run(label, bytes)
  }
}
