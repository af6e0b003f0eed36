/**
 * Removes the password from a URL so it can be printed or written to a report:
 * `mqtt://user:secret@host:1883` → `mqtt://user:***@host:1883`. Secrets never reach logs or reports.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** Masks the password of every URL in a text (`scheme://user:secret@` → `scheme://user:***@`). */
export function redactUrlsIn(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi, '$1:***@');
}
