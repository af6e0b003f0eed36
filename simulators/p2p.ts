import type { BrokerCapabilities } from '../harness/targets/broker-target.ts';

export type P2pMode = BrokerCapabilities['p2p'];

/** `<ParentTopic>/p2p/<TargetClientID>`, as the product's public docs give it (P2P-2). */
export const DEFAULT_P2P_TOPIC_FORMAT = '{parent}/p2p/{clientId}';

/**
 * The one place that decides how P2P messages reach a device (P2P-1): a broker with native P2P
 * delivers `<parent>/p2p/<clientId>` without a subscription; on any other broker each device
 * subscribes to its own P2P topic (client-side P2P), so scenarios read the same on both.
 */
export class P2pRoute {
  constructor(
    readonly mode: P2pMode,
    /** P2P-2: the run profile's format; the public docs' one when the profile declares none. */
    readonly format = DEFAULT_P2P_TOPIC_FORMAT,
  ) {}

  topic(parent: string, clientId: string): string {
    return this.format.replaceAll('{parent}', parent).replaceAll('{clientId}', clientId);
  }

  /** Whether a device must subscribe to its own P2P topic. */
  get deviceSubscribes(): boolean {
    return this.mode !== 'native';
  }

  describe(): string {
    return this.deviceSubscribes
      ? `client-side P2P (the broker's P2P mode is "${this.mode}"): each device subscribes to its own P2P topic`
      : 'native P2P: the broker delivers to the target client ID without a subscription';
  }
}
