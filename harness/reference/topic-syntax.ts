/**
 * Topic syntax Aedes 1.2 lets through, checked by the reference broker itself (README: "Where Aedes
 * itself had to be corrected"). Aedes already refuses wildcards in a PUBLISH topic [MQTT-3.3.2-2]
 * and most malformed filters; it misses U+0000 in names and filters and a `+` followed by one more
 * character at the end of a filter (`a/+b`). Returns why the topic is malformed, or undefined.
 */
export function topicNameViolation(topic: string): string | undefined {
  // [MQTT-4.7.3-2]; receiving U+0000 in any string obliges the close [MQTT-1.5.3-2].
  return topic.includes('\u0000') ? '[MQTT-4.7.3-2] the topic name contains U+0000' : undefined;
}

export function topicFilterViolation(filter: string): string | undefined {
  if (filter.includes('\u0000')) return '[MQTT-4.7.3-2] the topic filter contains U+0000';
  const levels = filter.split('/');
  for (const [index, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || index !== levels.length - 1))
      return '[MQTT-4.7.1-2] "#" must be a whole level and the last one';
    if (level.includes('+') && level !== '+') return '[MQTT-4.7.1-3] "+" must be a whole level';
  }
  return undefined;
}
