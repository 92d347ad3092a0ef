// Progressive enhancement of the bank upload form: files dropped on the field are added to it.
// Without this script the ordinary file input (several files) does the same job.
for (const zone of document.querySelectorAll('[data-bank-drop]')) {
  const input = zone.querySelector('input[type=file]')
  if (!input) continue
  zone.classList.add('bank-drop-ready')
  for (const name of ['dragenter', 'dragover']) {
    zone.addEventListener(name, (event) => {
      event.preventDefault()
      zone.classList.add('bank-drop-over')
    })
  }
  for (const name of ['dragleave', 'drop']) {
    zone.addEventListener(name, () => zone.classList.remove('bank-drop-over'))
  }
  zone.addEventListener('drop', (event) => {
    event.preventDefault()
    const dropped = event.dataTransfer?.files
    if (!dropped?.length) return
    const all = new DataTransfer()
    for (const f of input.files ?? []) all.items.add(f)
    for (const f of dropped) all.items.add(f)
    input.files = all.files
    input.dispatchEvent(new Event('change', { bubbles: true }))
  })
}
