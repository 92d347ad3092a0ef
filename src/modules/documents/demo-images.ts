import { Canvas } from '../../core/pdf/png.js'

// Demo stamp and signatures, drawn in code: no image files from elsewhere.

const INK: [number, number, number, number] = [28, 52, 150, 215]
const PEN: [number, number, number, number] = [18, 24, 90, 255]

/** A round company stamp: two rings, a star of strokes in the middle. */
export function demoStamp(): Buffer {
  const c = new Canvas(240, 240)
  c.ring(120, 120, 112, 6, INK)
  c.ring(120, 120, 84, 3, INK)
  for (let i = 0; i < 5; i++) {
    const a = (i * 4 * Math.PI) / 5 - Math.PI / 2
    const b = ((i + 1) * 4 * Math.PI) / 5 - Math.PI / 2
    c.line(120 + 50 * Math.cos(a), 120 + 50 * Math.sin(a), 120 + 50 * Math.cos(b), 120 + 50 * Math.sin(b), 4, INK)
  }
  // Tick marks around the rim, like the lettering of a real stamp.
  for (let i = 0; i < 36; i++) {
    const a = (i * 2 * Math.PI) / 36
    c.line(120 + 92 * Math.cos(a), 120 + 92 * Math.sin(a), 120 + 104 * Math.cos(a), 120 + 104 * Math.sin(a), 3, INK)
  }
  return c.png()
}

/** A handwritten-looking signature stroke; `seed` varies it per signer. */
export function demoSignature(seed: number): Buffer {
  const c = new Canvas(300, 100)
  let x = 12
  let y = 60
  for (let i = 0; i < 60; i++) {
    const nx = x + 4 + ((i * 7 + seed * 3) % 5)
    const ny = 50 + 30 * Math.sin((i + seed) * 0.7) * Math.cos(i * 0.13 + seed)
    c.line(x, y, nx, ny, 3, PEN)
    x = nx
    y = ny
  }
  c.line(20, 82, 280, 70, 2, PEN)
  return c.png()
}
