import assert from 'node:assert/strict'
import { test } from 'node:test'
import { classifyAttachment, cleanFilename, zipEntryNames } from './attachment-type.js'
import { PDF, PNG } from './support.test-kit.js'

/** A minimal zip (stored entries) with the given names and contents, for the type checks. */
function zip(entries: [string, string][]): Buffer {
  const local: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const [name, content] of entries) {
    const n = Buffer.from(name)
    const data = Buffer.from(content)
    const h = Buffer.alloc(30)
    h.writeUInt32LE(0x04034b50, 0)
    h.writeUInt32LE(data.length, 18)
    h.writeUInt32LE(data.length, 22)
    h.writeUInt16LE(n.length, 26)
    local.push(h, n, data)
    const c = Buffer.alloc(46)
    c.writeUInt32LE(0x02014b50, 0)
    c.writeUInt16LE(n.length, 28)
    c.writeUInt32LE(offset, 42)
    central.push(c, n)
    offset += 30 + n.length + data.length
  }
  const dir = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...local, dir, end])
}

const classify = (data: Buffer, name: string) => {
  const isZip = data.readUInt32LE(0) === 0x04034b50
  const names = isZip
    ? zipEntryNames(data.length, (position, length) => data.subarray(position, position + length))
    : null
  return classifyAttachment(data.subarray(0, 8192), names, name)
}

test('images, PDF, text and office documents are recognised by their content', () => {
  const docx = zip([
    ['[Content_Types].xml', '<Types/>'],
    ['word/document.xml', '<w:document/>'],
  ])
  const xlsx = zip([
    ['[Content_Types].xml', '<Types/>'],
    ['xl/workbook.xml', '<workbook/>'],
  ])
  const odt = zip([
    ['mimetype', 'application/vnd.oasis.opendocument.text'],
    ['content.xml', '<x/>'],
  ])
  const cases: [Buffer, string, string][] = [
    [PNG, 'screen.png', 'image/png'],
    [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'photo.jpg', 'image/jpeg'],
    [Buffer.from('GIF89a....'), 'a.gif', 'image/gif'],
    [PDF, 'invoice.pdf', 'application/pdf'],
    // The content decides: a PDF named .txt is a PDF.
    [PDF, 'notes.txt', 'application/pdf'],
    [Buffer.from('Árvíztűrő tükörfúrógép; Щука\n'), 'notes.txt', 'text/plain'],
    [Buffer.from('a;b\n1;2\n'), 'data.csv', 'text/csv'],
    [docx, 'letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    [xlsx, 'table.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    [odt, 'letter.odt', 'application/vnd.oasis.opendocument.text'],
    [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'old.doc', 'application/msword'],
  ]
  for (const [data, name, mime] of cases) assert.deepEqual(classify(data, name), { ok: true, mime }, name)
})

test('programs, scripts, macro documents, archives and active web files are refused', () => {
  const executable = 'support.error.attachment_executable'
  const type = 'support.error.attachment_type'
  const cases: [Buffer, string, string][] = [
    [Buffer.from('MZ\x90\x00rest of a PE file'), 'invoice.pdf', executable],
    [Buffer.from('\x7fELF\x02\x01'), 'tool', executable],
    [Buffer.from('#!/bin/sh\nrm -rf /\n'), 'notes.txt', executable],
    [Buffer.from('echo hello\n'), 'run.bat', executable],
    [Buffer.from('alert(1)\n'), 'x.js', executable],
    [Buffer.from('<html><script>alert(1)</script></html>'), 'page.html', type],
    [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.svg', type],
    [
      zip([
        ['[Content_Types].xml', '<Types/>'],
        ['word/document.xml', '<w:document/>'],
        ['word/vbaProject.bin', 'macros'],
      ]),
      'letter.docx',
      executable,
    ],
    [zip([['setup.exe', 'MZ']]), 'archive.zip', type],
    [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'installer.msi', executable],
    [Buffer.from([0x00, 0x01, 0x02, 0xfe, 0xff]), 'blob.bin', executable],
    [Buffer.from([0x00, 0x01, 0x02, 0xfe, 0xff]), 'data.dat', type],
  ]
  for (const [data, name, reason] of cases) assert.deepEqual(classify(data, name), { ok: false, reason }, name)
})

test('file names lose paths and control characters and stay short', () => {
  assert.equal(cleanFilename('C:\\Users\\x\\report.pdf'), 'report.pdf')
  assert.equal(cleanFilename('../../etc/passwd'), 'passwd')
  assert.equal(cleanFilename('a"b<c>\r\n.txt'), 'abc.txt')
  assert.equal(cleanFilename(''), 'file')
  assert.ok(cleanFilename(`${'x'.repeat(300)}.pdf`).length <= 150)
})
