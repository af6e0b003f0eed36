import type { ReferenceBrokerOptions } from './reference-options.ts';

export interface TopicRefusal {
  readonly rule: 'TOP-2' | 'TOP-3' | 'PUB-3' | 'PUB-2';
  readonly why: string;
}

/**
 * The reference broker's topic checks (TOP-2, TOP-3, PUB-3) for a PUBLISH topic or a SUBSCRIBE
 * filter. Returns why it is refused, or undefined.
 */
export function topicRefusal(options: ReferenceBrokerOptions, topic: string): TopicRefusal | undefined {
  const has = (fault: string) => options.faults?.some((f) => f === fault) ?? false;
  const characters = Array.from(topic).length;
  if (!has('accept-long-topic') && characters > options.maxTopicCharacters) {
    return { rule: 'TOP-3', why: `${characters} characters, the limit is ${options.maxTopicCharacters}` };
  }
  if (!has('accept-reserved-characters')) {
    // "/" separates levels, so only the other reserved characters apply inside a topic [PUB-3].
    const reserved = options.reservedCharacters.find((char) => char !== '/' && topic.includes(char));
    if (reserved !== undefined) return { rule: 'PUB-3', why: `contains "${reserved}"` };
  }
  return parentRefusal(options, topic);
}

/** TOP-2: the first level must be a provisioned parent topic; a wildcard there spans unknown parents. */
export function parentRefusal(options: ReferenceBrokerOptions, topic: string): TopicRefusal | undefined {
  if (options.faults?.includes('ignore-parent-provisioning')) return undefined;
  const slash = topic.indexOf('/');
  const parent = slash < 0 ? topic : topic.slice(0, slash);
  if (options.parentTopics.includes(parent)) return undefined;
  return { rule: 'TOP-2', why: `parent topic "${parent}" is not provisioned` };
}
