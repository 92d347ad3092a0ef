import { deflateSync } from 'node:zlib'

// A minimal PNG encoder (8-bit RGBA, no interlace) for images drawn in code: demo stamps and
// signatures, test fixtures. Real images come from uploads.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}

/** Encodes `rgba` (width × height × 4 bytes, row by row) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new RangeError('rgba buffer does not match the size')
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0 // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A transparent canvas with a round pen, enough to draw stamps and signature strokes. */
export class Canvas {
  readonly rgba: Uint8Array

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rgba = new Uint8Array(width * height * 4)
  }

  /** Paints a filled disc of `radius` at (x, y) in `color` ([r, g, b, a]). */
  dot(x: number, y: number, radius: number, color: [number, number, number, number]): void {
    for (let py = Math.floor(y - radius); py <= Math.ceil(y + radius); py++) {
      for (let px = Math.floor(x - radius); px <= Math.ceil(x + radius); px++) {
        if (px < 0 || py < 0 || px >= this.width || py >= this.height) continue
        if ((px - x) ** 2 + (py - y) ** 2 > radius * radius) continue
        const i = (py * this.width + px) * 4
        this.rgba.set(color, i)
      }
    }
  }

  /** Draws a line from (x1, y1) to (x2, y2) with a round pen. */
  line(x1: number, y1: number, x2: number, y2: number, width: number, color: [number, number, number, number]): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(x2 - x1, y2 - y1)))
    for (let s = 0; s <= steps; s++) {
      this.dot(x1 + ((x2 - x1) * s) / steps, y1 + ((y2 - y1) * s) / steps, width / 2, color)
    }
  }

  /** A circle outline centred at (cx, cy). */
  ring(cx: number, cy: number, radius: number, width: number, color: [number, number, number, number]): void {
    const steps = Math.ceil(2 * Math.PI * radius)
    for (let s = 0; s < steps; s++) {
      const a = (2 * Math.PI * s) / steps
      this.dot(cx + radius * Math.cos(a), cy + radius * Math.sin(a), width / 2, color)
    }
  }

  png(): Buffer {
    return encodePng(this.width, this.height, this.rgba)
  }
}
