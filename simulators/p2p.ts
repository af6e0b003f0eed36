import { subscribesToOwnP2p, type P2pMode } from '../harness/p2p/applicability.ts';

export type { P2pMode };

/** `<ParentTopic>/p2p/<TargetClientID>`, as the product's public docs give it (P2P-2). */
export const DEFAULT_P2P_TOPIC_FORMAT = '{parent}/p2p/{clientId}';

/**
 * How P2P messages reach a device (P2P-1): a broker with native or auto-subscribe P2P delivers
 * `<parent>/p2p/<clientId>` without the device subscribing; on any other broker each device subscribes
 * to its own P2P topic (client-side P2P), so scenarios read the same on both. The decision is the
 * harness's (subscribesToOwnP2p), shared with the P2P conformance scenarios.
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
    return subscribesToOwnP2p(this.mode);
  }

  describe(): string {
    return this.deviceSubscribes
      ? `client-side P2P (the broker's P2P mode is "${this.mode}"): each device subscribes to its own P2P topic`
      : `broker-side P2P ("${this.mode}"): the broker delivers to the target client ID without the device subscribing`;
  }
}
