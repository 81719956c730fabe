// eslint-disable-next-line no-control-regex -- matching the C0 controls that XML 1.0 forbids is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escape text for XML/HTML element content and double- or single-quoted attributes:
 * & < > " ' become entities, and characters XML 1.0 forbids (C0 controls other than
 * tab, LF, CR; lone surrogates; U+FFFE/U+FFFF) are dropped.
 */
export function escapeXml(s: unknown): string {
  return String(s)
    .replace(XML_FORBIDDEN, '')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
