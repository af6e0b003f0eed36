/** MQTT topic matching [MQTT-4.7.1]: `+` one level, a trailing `#` any number, `$` topics not under wildcards. */
export function filterMatches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && /^[+#]/.test(filter)) return false; // [MQTT-4.7.2-1]
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

/** A filter as §4.7.1 allows it: "#" alone in the last level, "+" alone in its level. */
export function isValidFilter(filter: string): boolean {
  const levels = filter.split('/');
  return levels.every(
    (level, i) =>
      (!level.includes('#') || (level === '#' && i === levels.length - 1)) &&
      (!level.includes('+') || level === '+'),
  );
}
