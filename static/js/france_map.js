// The map of France (templates/includes/france_map.html): show the name and count of the shape under the
// pointer or the keyboard focus in a tooltip beside it. The page works without this script: each shape is
// a named link and a table gives the same figures.
(function () {
  'use strict'
  const MARGIN = 12

  function place (figure, tip, x, y) {
    const box = figure.getBoundingClientRect()
    tip.hidden = false
    const left = Math.max(0, Math.min(x - box.left + MARGIN, box.width - tip.offsetWidth))
    let top = y - box.top + MARGIN
    if (top + tip.offsetHeight > box.height) top = y - box.top - tip.offsetHeight - MARGIN
    tip.style.left = left + 'px'
    tip.style.top = Math.max(0, top) + 'px'
  }

  function setUp (figure) {
    const tip = figure.querySelector('.france-map__tip')
    if (!tip) return
    const linkOf = (event) => event.target.closest && event.target.closest('a.france-map__link')
    const hide = () => { tip.hidden = true }

    figure.addEventListener('pointermove', function (event) {
      const link = linkOf(event)
      if (!link) return hide()
      tip.textContent = link.getAttribute('aria-label')
      place(figure, tip, event.clientX, event.clientY)
    })
    figure.addEventListener('pointerleave', hide)
    figure.addEventListener('focusin', function (event) {
      const link = linkOf(event)
      if (!link) return
      const shape = link.getBoundingClientRect()
      tip.textContent = link.getAttribute('aria-label')
      place(figure, tip, shape.left + shape.width / 2, shape.top + shape.height / 2)
    })
    figure.addEventListener('focusout', hide)
  }

  document.querySelectorAll('[data-france-map]').forEach(setUp)
})()
