import type { Clock } from '../clock.ts';
import { Outbox } from '../message.ts';
import type { ServiceLink } from './service-link.ts';

/**
 * What every back-end service of the solutions shares: its link to the devices (over the MQ side or
 * MQTT, service-link.ts), the scenario scope its topics live under, the errors the link ran into, and
 * an outbox that numbers and stamps what it sends (the devices' de-duplication and timeliness checks
 * read those, RTC-6, ESL-3).
 */
export abstract class BackEndService {
  readonly errors: string[];
  protected readonly outbox: Outbox;

  constructor(
    readonly link: ServiceLink,
    protected readonly scope: string,
    clock: Clock,
  ) {
    this.errors = link.errors;
    this.outbox = new Outbox(link.clientId, clock);
  }
}
