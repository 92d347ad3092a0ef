/** The company's images: the logo (public), and the stamp and signature printed on documents. */
export const IMAGE_KINDS = ['logo', 'stamp', 'signature'] as const
export type ImageKind = (typeof IMAGE_KINDS)[number]
export const isImageKind = (v: unknown): v is ImageKind => IMAGE_KINDS.includes(v as ImageKind)

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024
export const IMAGE_TYPES = ['image/png', 'image/jpeg']
