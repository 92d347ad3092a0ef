import type { FieldErrors } from '../../errors.js'
import { Card } from '../../ui/components.js'
import { Form, PostButton } from '../../ui/forms.js'
import type { PageContext } from '../../ui/page-context.js'
import { IMAGE_KINDS, type ImageKind } from '../company-images.constants.js'
import type { ImageRef } from '../settings-store.js'
import { SettingsShell } from './settings-shell.js'

/** Where the browser loads an image from; the hash in the query makes a replaced image show at once. */
export const imageUrl = (kind: ImageKind, ref: ImageRef) =>
  `${kind === 'logo' ? '/settings/logo' : `/settings/images/${kind}`}?v=${ref.sha256.slice(0, 12)}`

function ImageCard(p: { pc: PageContext; kind: ImageKind; image: ImageRef | null; errors?: FieldErrors }) {
  const { pc, kind, image } = p
  const name = pc.t(`settings.image.${kind}`)
  const error = p.errors?.[kind]
  const id = `f-${kind}`
  return (
    <Card
      title={name}
      actions={
        image ? (
          <PostButton
            pc={pc}
            action={`/settings/images/${kind}/remove`}
            label={pc.t('settings.image_remove')}
            confirm={pc.t('settings.image_remove_confirm', { image: name })}
            danger
          />
        ) : (
          ''
        )
      }
    >
      <p class="muted" safe>
        {pc.t(`settings.image_purpose.${kind}`)}
      </p>
      {image ? (
        <p>
          <img
            class="image-preview"
            src={imageUrl(kind, image)}
            alt={pc.t('settings.image_preview', { image: name })}
          />
        </p>
      ) : (
        <p class="muted" safe>
          {pc.t('settings.image_none')}
        </p>
      )}
      <Form
        pc={pc}
        action={`/settings/images/${kind}`}
        multipart
        submit={pc.t(image ? 'settings.image_replace' : 'settings.image_upload')}
        errors={error ? { [kind]: error } : undefined}
      >
        <div class={error ? 'field has-error' : 'field'}>
          <label for={id} safe>
            {pc.t('settings.image_file')}
          </label>
          <input
            id={id}
            name={kind}
            type="file"
            accept="image/png,image/jpeg"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${id}-help ${id}-error` : `${id}-help`}
          />
          <p class="help" id={`${id}-help`} safe>
            {pc.t('settings.image_help')}
          </p>
          {error ? (
            <p class="field-error" id={`${id}-error`} safe>
              {pc.t(error)}
            </p>
          ) : (
            ''
          )}
        </div>
      </Form>
    </Card>
  )
}

/** Logo, stamp and signature: preview, upload or replace, remove. */
export function ImagesSettingsPage(p: {
  pc: PageContext
  images: Record<ImageKind, ImageRef | null>
  errors?: FieldErrors
}) {
  return (
    <SettingsShell pc={p.pc} tab="images">
      <p class="muted" safe>
        {p.pc.t('settings.images_intro')}
      </p>
      {IMAGE_KINDS.map((kind) => (
        <ImageCard pc={p.pc} kind={kind} image={p.images[kind]} errors={p.errors} />
      ))}
    </SettingsShell>
  )
}
