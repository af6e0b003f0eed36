import type { Aedes, Client } from 'aedes';

/**
 * QCS-4: QoS 2 is not supported with cleanSession=false — such a subscription behaves as if the
 * session were clean. Aedes persists it like any other, so when a persistent client goes offline its
 * QoS 2 subscriptions are removed from the session: no offline messages for them, and none restored.
 */
export async function forgetQos2Subscriptions(broker: Aedes, client: Client): Promise<void> {
  if (client.clean) return;
  const persistence = (broker as unknown as { persistence: unknown }).persistence as {
    subscriptionsByClient(client: { id: string }): Promise<{ topic: string; qos: number }[]>;
    removeSubscriptions(client: { id: string }, topics: string[]): Promise<unknown>;
  };
  try {
    const subs = await persistence.subscriptionsByClient({ id: client.id });
    const qos2 = subs.filter((sub) => sub.qos === 2).map((sub) => sub.topic);
    if (qos2.length > 0) await persistence.removeSubscriptions({ id: client.id }, qos2);
  } catch {
    // The broker is closing; there is no session left to correct.
  }
}
