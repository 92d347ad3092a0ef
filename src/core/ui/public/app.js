// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add('js')

document.addEventListener('click', (event) => {
  const toggle = event.target.closest('.menu-toggle')
  if (toggle) {
    event.preventDefault()
    const open = document.body.classList.toggle('nav-open')
    toggle.setAttribute('aria-expanded', String(open))
  }
})

document.addEventListener('change', (event) => {
  const form = event.target.closest('form[data-autosubmit]')
  if (form) form.submit()
})

// Destructive actions ask first in a <dialog>; the form posts only on confirmation.
document.addEventListener('submit', (event) => {
  const form = event.target
  const question = form.getAttribute('data-confirm')
  if (question && !form.dataset.confirmed) {
    event.preventDefault()
    const dialog = document.createElement('dialog')
    const text = document.createElement('p')
    text.textContent = question
    const actions = document.createElement('div')
    actions.className = 'dialog-actions'
    const cancel = document.createElement('button')
    cancel.type = 'button'
    cancel.className = 'btn'
    cancel.textContent =
      document.documentElement.lang === 'hu' ? 'Mégse' : document.documentElement.lang === 'ru' ? 'Отмена' : 'Cancel'
    const ok = document.createElement('button')
    ok.type = 'button'
    ok.className = 'btn btn-danger'
    ok.textContent = form.querySelector('button[type=submit]')?.textContent || 'OK'
    actions.append(cancel, ok)
    dialog.append(text, actions)
    document.body.append(dialog)
    cancel.addEventListener('click', () => dialog.close())
    dialog.addEventListener('close', () => dialog.remove())
    ok.addEventListener('click', () => {
      form.dataset.confirmed = '1'
      dialog.close()
      form.requestSubmit()
    })
    dialog.showModal()
    ok.focus()
    return
  }
  for (const button of form.querySelectorAll('[data-disable-on-submit]')) {
    setTimeout(() => button.setAttribute('disabled', ''), 0)
  }
})

// Back/forward restores pages from cache with buttons still disabled.
window.addEventListener('pageshow', () => {
  for (const b of document.querySelectorAll('[data-disable-on-submit][disabled]')) b.removeAttribute('disabled')
})
