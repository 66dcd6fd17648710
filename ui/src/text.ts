// The stored text of an edited item: chips give back their `{{…}}`, nothing else is markup.
export function serialize(root: Node): string {
  let out = ''
  root.childNodes.forEach((n) => {
    if (n.nodeType === Node.TEXT_NODE) out += (n as Text).data
    else if (n instanceof HTMLElement && n.dataset.raw !== undefined) out += n.dataset.raw
    else if (n instanceof HTMLElement && n.tagName === 'BR') out += ''
    else if (n instanceof HTMLElement && (n.tagName === 'STRONG' || n.tagName === 'B')) {
      const inner = serialize(n)
      out += inner.trim() ? `**${inner}**` : inner
    }
    else out += serialize(n)
  })
  return out.replace(/\u00a0/g, ' ')
}
